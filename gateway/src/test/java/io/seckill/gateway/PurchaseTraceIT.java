package io.seckill.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.common.testsupport.ApiClient;
import io.seckill.common.testsupport.DemoAccounts;
import io.seckill.common.testsupport.OperatorCalls;
import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.StackServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One purchase is one trace in Zipkin: the shopper's W3C {@code traceparent} (sampled) enters at the
 * gateway and must come out in spans of seckill-service (purchase, then the relay that continues the
 * trace stored in the Redis stream entry), Kafka (producer and consumers), order-service (placement) and
 * inventory-service (the TCC Try over HTTP). Guards against the trace breaking at the stream, where no
 * library instrumentation reaches. The trace is saved as target/trace-of-one-purchase.json.
 */
@RequiresStack({StackServer.REDIS, StackServer.MYSQL, StackServer.KAFKA, StackServer.SEATA, StackServer.ZIPKIN})
class PurchaseTraceIT extends GatewayStack {

    private static final Set<String> SERVICES = Set.of("gateway", "seckill-service", "order-service", "inventory-service");
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aPurchaseIsOneTraceFromTheGatewayToInventory() throws Exception {
        ApiClient client = client();
        String sale = OperatorCalls.openSaleNow(client, "Traced sale", 5, 1);
        String shopper = client.login("shopper-7", DemoAccounts.SHOPPER_PASSWORD);
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        Map<String, String> traced = Map.of("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01");

        ApiClient.Reply token = client.send("POST", "/api/activities/" + sale + "/purchase-token", shopper, null, traced);
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        String path = token.json().get("purchasePath").asString();
        ApiClient.Reply bought = client.send("POST", path, shopper, Map.of("quantity", 1), traced);
        assertThat(bought.status()).as(bought.body()).isEqualTo(202);

        JsonNode spans = awaitTrace(traceId, Duration.ofSeconds(60));
        Set<String> services = new TreeSet<>();
        Set<String> remote = new TreeSet<>();
        for (JsonNode span : spans) {
            services.add(span.path("localEndpoint").path("serviceName").asString(""));
            remote.add(span.path("remoteEndpoint").path("serviceName").asString(""));
        }
        Path saved = Path.of("target", "trace-of-one-purchase.json");
        Files.writeString(saved, spans.toPrettyString());
        System.out.printf("Trace %s: %d spans; services %s; remote %s (saved to %s)%n", traceId, spans.size(), services,
                remote, saved.toAbsolutePath());

        assertThat(services).containsAll(SERVICES);
        assertThat(remote).anySatisfy(name -> assertThat(name).containsIgnoringCase("kafka"));
        assertThat(spans.valueStream().map(span -> span.path("name").asString(""))).anySatisfy(
                name -> assertThat(name).contains("relay"));
    }

    /** Spans arrive asynchronously (reporters batch, settlement follows the 202): wait until every service's are in. */
    private JsonNode awaitTrace(String traceId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = json.createArrayNode();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(zipkin() + "/api/v2/trace/" + traceId))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                last = json.readTree(response.body());
                Set<String> seen = new TreeSet<>();
                last.forEach(span -> seen.add(span.path("localEndpoint").path("serviceName").asString("")));
                if (seen.containsAll(SERVICES) && last.valueStream().anyMatch(
                        span -> span.path("localEndpoint").path("serviceName").asString("").equals("inventory-service"))) {
                    Thread.sleep(2_000); // the last reporters' batches (order events back to seckill-service)
                    return json.readTree(http.send(HttpRequest.newBuilder(URI.create(zipkin() + "/api/v2/trace/" + traceId)).build(),
                            HttpResponse.BodyHandlers.ofString()).body());
                }
            }
            Thread.sleep(500);
        }
        return last;
    }

    private static String zipkin() {
        return "http://" + StackServer.ZIPKIN.host() + ":" + StackServer.ZIPKIN.port();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
