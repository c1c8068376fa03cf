package io.seckill.gateway;

import io.seckill.common.testsupport.ApiClient;
import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.ServiceProcess;
import io.seckill.common.testsupport.StackServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway in-process, in front of the real services (their built jars, run as processes on the real
 * Redis, MariaDB, Kafka and Seata): every gateway IT goes through real routes to real services. All
 * gateway ITs share this one context. Its operator file is a scratch copy of config/gateway.yaml that
 * tests may edit (live refresh), with 127.0.0.1 as a trusted proxy so a test can act as many client
 * addresses through X-Forwarded-For.
 */
@RequiresStack({StackServer.REDIS, StackServer.MYSQL, StackServer.KAFKA, StackServer.SEATA})
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "seckill.config.watch-interval=200ms")
public abstract class GatewayStack {

    private static final String CONFIG_DIR = "SECKILL_CONFIG_DIR";
    protected static final Path CONFIG_FILE = scratchConfig();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void realServices(DynamicPropertyRegistry registry) {
        registry.add("SECKILL_SERVICE_URI", GatewayStack::seckillService);
        registry.add("ORDER_SERVICE_URI", GatewayStack::orderService);
        registry.add("INVENTORY_SERVICE_URI", () -> ServiceProcess.baseUrl("inventory-service"));
        registry.add("ID_SERVICE_URI", () -> ServiceProcess.baseUrl("id-service"));
    }

    /** The real seckill-service behind this gateway (and behind a second one a test may start). */
    protected static String seckillService() {
        return ServiceProcess.baseUrl("seckill-service", () -> Map.of(
                "ID_SERVICE_URI", ServiceProcess.baseUrl("id-service"),
                "INVENTORY_SERVICE_URI", ServiceProcess.baseUrl("inventory-service"),
                "ORDER_SERVICE_URI", orderService()));
    }

    protected static String orderService() {
        return ServiceProcess.baseUrl("order-service",
                () -> Map.of("INVENTORY_SERVICE_URI", ServiceProcess.baseUrl("inventory-service")));
    }

    protected ApiClient client() {
        return new ApiClient("http://127.0.0.1:" + port);
    }

    /**
     * A system property, not a --arg: Spring Cloud's refresh re-resolves the config import with command-line
     * args ranked below system properties.
     */
    private static Path scratchConfig() {
        try {
            Path repo = Path.of(System.getProperty("seckill.repo.dir", "..")).toAbsolutePath().normalize();
            Path dir = Files.createTempDirectory("gateway-it-config");
            Path file = dir.resolve("gateway.yaml");
            String shipped = Files.readString(repo.resolve("config/gateway.yaml"));
            if (!shipped.contains("trusted-proxies: []")) {
                throw new IllegalStateException("config/gateway.yaml no longer has 'trusted-proxies: []'");
            }
            Files.writeString(file, shipped.replace("trusted-proxies: []", "trusted-proxies: [127.0.0.1/32]"));
            System.setProperty(CONFIG_DIR, dir.toString());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
