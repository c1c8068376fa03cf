package io.seckill.flashsale;

import static io.seckill.common.testsupport.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.common.testsupport.ApiClient;
import io.seckill.common.testsupport.ApiClient.Reply;
import io.seckill.common.testsupport.TestTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

/**
 * Issue 16, "services trust the network": seckill-service was reached on :8081 past the gateway and
 * believed whoever called. It issued purchase tokens and accepted purchases for a made-up user given
 * as {@code X-User-Id}, created and ended sales under {@code /admin/**} with no credentials, and showed
 * {@code /actuator/configprops} and {@code loggers} to anyone. Each call below is one of those, made
 * directly to the service: refused with problem+json, and nothing changed. And "lenient input": an
 * operator's sale definition was read loosely ({@code stock: 1.5} made a sale of 1, {@code startAt:
 * 1700000000} was epoch seconds, year 10000 was a 500); now each is a 400 that creates nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileCallersIT extends SaleStack {

    @LocalServerPort
    int port;

    private Reply call(HttpMethod method, String path, Map<String, String> headers, String body) {
        return new ApiClient("http://127.0.0.1:" + port).send(method.name(), path, null, body, headers);
    }

    @Test
    void aPurchaseForAMadeUpUserOrWithABadTokenIsRefusedAndSellsNothing() {
        long sale = openSale(5, 1).getActivityId();
        String tokenPath = "/api/activities/" + sale + "/purchase-token";
        String forged = TestTokens.sign("a-key-of-the-attackers-own-choosing-0123456789", Map.of("iss", TestTokens.USER_ISSUER,
                "sub", "mallory", "roles", List.of("SHOPPER")), Duration.ofHours(1));
        String neverExpires = TestTokens.sign(TestTokens.USER_SECRET, Map.of("iss", TestTokens.USER_ISSUER, "sub", "mallory",
                "roles", List.of("SHOPPER")), null);
        String crlfSubject = TestTokens.sign(TestTokens.USER_SECRET, Map.of("iss", TestTokens.USER_ISSUER,
                "sub", "mallory\r\nX-Injected: 1", "roles", List.of("SHOPPER")), Duration.ofHours(1));
        String serviceIssuedAsUser = TestTokens.sign(TestTokens.USER_SECRET, Map.of("iss", TestTokens.SERVICE_ISSUER,
                "sub", "mallory", "roles", List.of("SHOPPER")), Duration.ofHours(1));

        call(HttpMethod.POST, tokenPath, Map.of("X-User-Id", "mallory"), null).assertProblem(401, null);
        for (String token : List.of(forged, neverExpires, crlfSubject, serviceIssuedAsUser, "not-a-jwt")) {
            call(HttpMethod.POST, tokenPath, bearer(token), null).assertProblem(401, null);
        }
        // A purchase with no credential, on the path a real shopper's token names: refused before it is read.
        String path = call(HttpMethod.POST, tokenPath, bearer(TestTokens.shopper("alice")), null).body()
                .replaceAll(".*\"purchasePath\":\"([^\"]+)\".*", "$1");
        call(HttpMethod.POST, path, Map.of("X-User-Id", "alice"), "{\"quantity\":1}").assertProblem(401, null);

        // Another spelling of the sale's id is no sale (it was one, with a rate-limit bucket of its own).
        call(HttpMethod.POST, "/api/activities/000" + sale + "/purchase-token", bearer(TestTokens.shopper("alice")),
                null).assertProblem(404, null);
        call(HttpMethod.GET, "/api/activities/+" + sale, Map.of(), null).assertProblem(404, null);

        assertThat(redisStock(sale)).as("stock").isEqualTo(5);
        assertThat(buyers(sale)).as("buyers").isEmpty();
    }

    @Test
    void onlyAnOperatorCreatesOrEndsASale() {
        long sale = openSale(5, 1).getActivityId();
        String definition = """
                {"sku":"SKU-CALLERS","title":"not by mallory","price":1.00,"stock":3,"startAt":"%s","endAt":"%s","perUserLimit":1}"""
                .formatted(Instant.now().plusSeconds(60), Instant.now().plusSeconds(3600));
        int before = activityCount();

        call(HttpMethod.POST, "/admin/activities", Map.of(), definition).assertProblem(401, null);
        call(HttpMethod.POST, "/admin/activities", Map.of("X-User-Roles", "OPERATOR"), definition).assertProblem(401, null);
        call(HttpMethod.POST, "/admin/activities", bearer(TestTokens.shopper("mallory")), definition).assertProblem(403, null);
        call(HttpMethod.POST, "/admin/activities", bearer(TestTokens.service("order-service")), definition).assertProblem(403, null);
        call(HttpMethod.POST, "/admin/activities/" + sale + "/end", Map.of(), null).assertProblem(401, null);
        call(HttpMethod.GET, "/admin/relay/dead-letters", bearer(TestTokens.shopper("mallory")), null).assertProblem(403, null);
        assertThat(activityCount()).as("sales").isEqualTo(before);
        assertThat(call(HttpMethod.GET, "/api/activities/" + sale, Map.of(), null).body()).as("still on").contains("\"status\":\"PUBLISHED\"");

        assertThat(call(HttpMethod.POST, "/admin/activities", bearer(TestTokens.operator()), definition).status())
                .as("an operator may").isEqualTo(201);
    }

    /**
     * Issue 16, "431/414 answers have no problem+json body": Tomcat answers an oversized head itself, before any
     * servlet runs, with its HTML page; it is now a 431 problem+json like every other refusal.
     */
    @Test
    void anOversizedHeadIsA431Problem() {
        Reply header = call(HttpMethod.GET, "/api/activities", Map.of("X-Padding", "a".repeat(20_000)), null);
        Reply line = call(HttpMethod.GET, "/api/activities?pad=" + "a".repeat(20_000), Map.of(), null);

        for (Reply reply : List.of(header, line)) {
            reply.assertProblem(431, null);
            assertThat(reply.body()).contains("\"code\":\"HEADERS_TOO_LARGE\"").doesNotContain("<html");
        }
    }

    @Test
    void managementBeyondHealthAndMetricsIsTheOperatorsOnly() {
        for (String path : List.of("/actuator/configprops", "/actuator/loggers", "/actuator/env", "/actuator/metrics")) {
            call(HttpMethod.GET, path, Map.of(), null).assertProblem(401, null);
            call(HttpMethod.GET, path, bearer(TestTokens.shopper("mallory")), null).assertProblem(403, null);
        }
        call(HttpMethod.POST, "/actuator/refresh", Map.of(), null).assertProblem(401, null);
        call(HttpMethod.POST, "/actuator/loggers/io.seckill", Map.of(), "{\"configuredLevel\":\"TRACE\"}").assertProblem(401, null);

        assertThat(call(HttpMethod.GET, "/actuator/health", Map.of(), null).status()).isEqualTo(200);
        assertThat(call(HttpMethod.GET, "/actuator/prometheus", Map.of(), null).status()).isEqualTo(200);
        assertThat(call(HttpMethod.GET, "/actuator/configprops", bearer(TestTokens.operator()), null).status()).isEqualTo(200);
        assertThat(call(HttpMethod.GET, "/actuator/loggers/io.seckill", bearer(TestTokens.operator()), null).body())
                .doesNotContain("TRACE");
    }

    /** Each case is the rest of an otherwise valid definition: {@code %1$s} and {@code %2$s} are a valid window. */
    @ParameterizedTest
    @ValueSource(strings = {
            "\"perUserLimit\":1,\"stock\":1.5,\"startAt\":\"%1$s\",\"endAt\":\"%2$s\"",
            "\"perUserLimit\":1,\"stock\":\"3\",\"startAt\":\"%1$s\",\"endAt\":\"%2$s\"",
            "\"perUserLimit\":1,\"stock\":3e0,\"startAt\":\"%1$s\",\"endAt\":\"%2$s\"",
            "\"perUserLimit\":1,\"stock\":3,\"startAt\":1700000000,\"endAt\":\"%2$s\"",
            "\"perUserLimit\":1,\"stock\":3,\"startAt\":\"%1$s\",\"endAt\":\"+10000-01-01T00:00:00Z\"",
            "\"perUserLimit\":1,\"stock\":3,\"startAt\":\"%1$s\",\"endAt\":\"next week\"",
            "\"perUserLimit\":1,\"stock\":3,\"startAt\":\"%1$s\",\"endAt\":\"%2$s\",\"status\":\"PUBLISHED\"",
            "\"perUserLimit\":\"1\",\"stock\":3,\"startAt\":\"%1$s\",\"endAt\":\"%2$s\""})
    void aSaleDefinitionIsReadOnlyInItsDocumentedShape(String rest) {
        String definition = ("{\"sku\":\"SKU-STRICT\",\"title\":\"strict\",\"price\":1.00," + rest + "}")
                .formatted(Instant.now().plusSeconds(60), Instant.now().plusSeconds(3600));
        int before = activityCount();

        Reply refused = call(HttpMethod.POST, "/admin/activities", bearer(TestTokens.operator()), definition);

        refused.assertProblem(400, null);
        assertThat(refused.body()).contains("\"code\":\"VALIDATION_FAILED\"");
        assertThat(activityCount()).as("sales").isEqualTo(before);
    }

    private int activityCount() {
        return call(HttpMethod.GET, "/api/activities", Map.of(), null).body().split("\"sku\"").length - 1;
    }
}
