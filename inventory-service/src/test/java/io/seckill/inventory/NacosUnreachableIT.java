package io.seckill.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.ServiceProcess;
import io.seckill.common.testsupport.StackServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17, "a service started while Nacos is down exits after ~15 s at the end of ~1,400 lines of gRPC stack
 * traces": the real jar under the {@code nacos} profile with no Nacos reachable comes up and stays up. With no
 * operator settings at all (no snapshot, no file) it is live but not ready; with its operator file (as k8s mounts
 * it) it is ready. Either way it says so in one WARN line, that registration is retried, and no stack trace.
 */
@RequiresStack({StackServer.MYSQL, StackServer.SEATA})
class NacosUnreachableIT {

    @TempDir
    Path snapshots;

    @TempDir
    Path noSettings;

    @Test
    void withNoSettingsItComesUpButIsNotReadyAndSaysWhyInOneLine() throws Exception {
        ServiceProcess.Running service = start(noSettings);
        try {
            assertThat(get(service, "/actuator/health/readiness")).as("readiness on packaged defaults")
                    .startsWith("503").contains("OUT_OF_SERVICE");
            String warning = awaitWarning(service);
            assertThat(warning).contains("runs on its packaged defaults and is not ready", "registration is retried");
            assertThat(service.process().isAlive()).as("still running after the registration failed").isTrue();
            String log = Files.readString(service.log());
            assertThat(log).as("no Nacos client stack traces").doesNotContain("\tat com.alibaba.nacos");
            assertThat(log.lines().count()).as("log lines in all").isLessThan(150);
        } finally {
            service.kill();
        }
    }

    @Test
    void withItsOperatorFileItIsReadyWhileNacosIsDown() throws Exception {
        Path repoConfig = Path.of(System.getProperty("seckill.repo.dir", "..")).toAbsolutePath().normalize().resolve("config");
        ServiceProcess.Running service = start(repoConfig);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> get(service, "/actuator/health/readiness").startsWith("200"));
            assertThat(awaitWarning(service)).contains("runs on the operator settings it holds", "inventory-service.yaml");
        } finally {
            service.kill();
        }
    }

    private ServiceProcess.Running start(Path configDir) throws IOException {
        return ServiceProcess.startLive("inventory-service",
                List.of("--spring.profiles.active=nacos,local", "--NACOS_ADDR=127.0.0.1:" + closedPort()),
                Map.of("SECKILL_CONFIG_DIR", configDir.toString(), "JAVA_TOOL_OPTIONS", "-DJM.SNAPSHOT.PATH=" + snapshots));
    }

    /** NacosConnectivity's line (checked every 5 s). */
    private static String awaitWarning(ServiceProcess.Running service) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(service.log()).lines()
                .filter(line -> line.contains("NacosConnectivity") && line.contains("cannot be reached")).findFirst().orElse(null),
                line -> line != null);
    }

    private static String get(ServiceProcess.Running service, String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() + " " + answer.body();
    }

    /** A port nothing listens on (nor on the gRPC port Nacos clients derive from it, +1000). */
    private static int closedPort() throws IOException {
        while (true) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            if (port + 1000 < 65536) {
                try (ServerSocket grpc = new ServerSocket(port + 1000)) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
    }
}
