package io.seckill.flashsale.purchase;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.common.testsupport.MovableClock;
import io.seckill.common.testsupport.ApiClient;
import io.seckill.common.testsupport.TestTokens;
import io.seckill.flashsale.SaleStack;
import io.seckill.flashsale.activity.Activity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The purchase API over a real socket: every refusal is problem+json with its stable code, and
 * bad input changes nothing — not the stock, not the shopper's count, not even the token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(PurchaseApiIT.Time.class)
class PurchaseApiIT extends SaleStack {

    @TestConfiguration
    static class Time {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Autowired
    PurchaseSettings settings;

    @Autowired
    JsonMapper json;

    @AfterEach
    void restore() {
        clock.reset();
        settings.setEnabled(true);
        settings.setTokenTtl(Duration.ofSeconds(30));
    }

    /** As {@code user} (a shopper; null: no token) would call this service directly. */
    private ApiClient.Reply post(String path, String user, String body) {
        return new ApiClient("http://127.0.0.1:" + port).post(path, user == null ? null : TestTokens.shopper(user), body);
    }

    private ApiClient.Reply get(String path, String user) {
        return new ApiClient("http://127.0.0.1:" + port).get(path, user == null ? null : TestTokens.shopper(user));
    }

    private String token(String user, long activityId) {
        ApiClient.Reply issued = post("/api/activities/" + activityId + "/purchase-token", user, null);
        assertThat(issued.status()).as(issued.body()).isEqualTo(200);
        return issued.json().get("token").asString();
    }

    private ApiClient.Reply buy(String user, long activityId, String token, String body) {
        return post("/api/activities/" + activityId + "/purchases/" + token, user, body);
    }

    private static void assertRefused(ApiClient.Reply reply, int status, String code) {
        reply.assertProblem(status, code);
    }

    @Test
    void anAcceptedPurchaseIs202WithItsOrderIdAndAResultOnlyItsOwnerSees() {
        long sale = openSale(10, 1).getActivityId();

        ApiClient.Reply accepted = buy("alice", sale, token("alice", sale), "{\"quantity\":1}");

        assertThat(accepted.status()).isEqualTo(202);
        String orderId = accepted.json().get("orderId").asString();
        assertThat(accepted.json().get("status").asString()).isEqualTo("QUEUED");
        String resultPath = accepted.json().get("resultPath").asString();
        assertThat(get(resultPath, "alice").json().get("status").asString()).isEqualTo("QUEUED");
        assertThat(get(resultPath, "alice").json().get("orderId").asString()).isEqualTo(orderId);
        assertRefused(get(resultPath, "mallory"), 404, "NOT_FOUND");
        assertRefused(get(resultPath, null), 401, "UNAUTHORIZED");
        assertThat(redisStock(sale)).isEqualTo(9);
    }

    @Test
    void soldOut() {
        long sale = openSale(1, 1).getActivityId();
        assertThat(buy("first", sale, token("first", sale), "{\"quantity\":1}").status()).isEqualTo(202);

        assertRefused(post("/api/activities/" + sale + "/purchase-token", "second", null), 409, "SOLD_OUT");
        assertThat(redisStock(sale)).isZero();
    }

    /**
     * A sold-out sale is refused before the caller is checked (RefusingSoldOutSales): the answer is the
     * same for anyone, so no token is verified for it — and it changes nothing, whoever sent it.
     */
    @Test
    void aSoldOutSaleIsRefusedToAnyCallerBeforeTheCallerIsVerified() {
        long sale = openSale(1, 1).getActivityId();
        assertThat(buy("first", sale, token("first", sale), "{\"quantity\":1}").status()).isEqualTo(202);

        String tokenPath = "/api/activities/" + sale + "/purchase-token";
        for (ApiClient.Reply refused : List.of(post(tokenPath, null, null), post(tokenPath, "second", null),
                buy(null, sale, "AAAAAAAAAAAAAAAAAAAAAA", "{\"quantity\":1}"), buy(null, sale, "AAAA", "not json"))) {
            assertRefused(refused, 409, "SOLD_OUT");
        }
        // Anything else of the sale still needs the caller, and an open sale is still a 401 without one.
        assertRefused(get("/api/activities/" + sale + "/purchases/1", null), 401, "UNAUTHORIZED");
        long open = openSale(5, 1).getActivityId();
        assertRefused(post("/api/activities/" + open + "/purchase-token", null, null), 401, "UNAUTHORIZED");
        assertThat(redisStock(sale)).isZero();
        assertThat(redisStock(open)).isEqualTo(5);
    }

    @Test
    void limitReachedChangesNothing() {
        long sale = openSale(10, 1).getActivityId();
        assertThat(buy("bob", sale, token("bob", sale), "{\"quantity\":1}").status()).isEqualTo(202);

        assertRefused(buy("bob", sale, token("bob", sale), "{\"quantity\":1}"), 409, "LIMIT_REACHED");
        assertThat(redisStock(sale)).isEqualTo(9);
        assertThat(buyers(sale)).containsEntry("bob", "1");
    }

    @Test
    void notStarted() {
        Instant now = Instant.now();
        long sale = openSale(10, 1, now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(2))).getActivityId();

        assertRefused(post("/api/activities/" + sale + "/purchase-token", "carol", null), 409, "NOT_STARTED");
    }

    @Test
    void endedWhileHoldingAToken() {
        long sale = openSale(10, 1).getActivityId();
        String token = token("dave", sale);

        clock.shift(Duration.ofHours(2));

        assertRefused(buy("dave", sale, token, "{\"quantity\":1}"), 409, "ENDED");
        assertRefused(post("/api/activities/" + sale + "/purchase-token", "dave", null), 409, "ENDED");
        assertThat(redisStock(sale)).isEqualTo(10);
    }

    @Test
    void pausedByTheOperatorOrByTheGlobalSwitch() {
        long sale = openSale(10, 1).getActivityId();
        String token = token("erin", sale);

        managing.pause(sale);
        assertRefused(buy("erin", sale, token, "{\"quantity\":1}"), 409, "PAUSED");
        assertRefused(post("/api/activities/" + sale + "/purchase-token", "erin", null), 409, "PAUSED");
        managing.resume(sale);
        assertThat(buy("erin", sale, token("erin", sale), "{\"quantity\":1}").status()).isEqualTo(202);

        settings.setEnabled(false);
        assertRefused(buy("frank", sale, "AAAAAAAAAAAAAAAAAAAAAA", "{\"quantity\":1}"), 409, "PAUSED");
        assertThat(redisStock(sale)).isEqualTo(9);
    }

    @Test
    void aTokenWorksOnceForItsOwnUserWithinItsLifetime() throws Exception {
        long sale = openSale(10, 2).getActivityId();
        String token = token("gina", sale);

        assertRefused(buy("henry", sale, token, "{\"quantity\":1}"), 403, "TOKEN_INVALID");
        assertRefused(buy("gina", sale, "not-a-token", "{\"quantity\":1}"), 403, "TOKEN_INVALID");
        assertRefused(buy("gina", sale, "AAAAAAAAAAAAAAAAAAAAAA", "{\"quantity\":1}"), 403, "TOKEN_INVALID");
        assertThat(redisStock(sale)).isEqualTo(10);

        settings.setTokenTtl(Duration.ofMillis(300));
        String shortLived = token("gina", sale);
        Thread.sleep(600);
        assertRefused(buy("gina", sale, shortLived, "{\"quantity\":1}"), 403, "TOKEN_INVALID");
        assertThat(redisStock(sale)).isEqualTo(10);
    }

    @Test
    void aReusedTokenIsRefused() {
        long sale = openSale(10, 2).getActivityId();
        String token = token("ivan", sale);
        assertThat(buy("ivan", sale, token, "{\"quantity\":1}").status()).isEqualTo(202);

        assertRefused(buy("ivan", sale, token, "{\"quantity\":1}"), 403, "TOKEN_INVALID");
        assertThat(redisStock(sale)).isEqualTo(9);
    }

    /** Issue 16: {@code "1"}, {@code 1.5}, {@code 1e0} and a slipped-in {@code userId} were read leniently and sold a unit. */
    @ParameterizedTest
    @ValueSource(strings = {"{\"quantity\":0}", "{\"quantity\":-1}", "{\"quantity\":3}", "{}", "{\"quantity\":\"two\"}",
            "{not json", "", "{\"quantity\":\"1\"}", "{\"quantity\":1.5}", "{\"quantity\":1e0}", "{\"quantity\":1.0}",
            "{\"quantity\":1,\"userId\":\"bob\"}", "{\"quantity\":null}", "{\"quantity\":true}", "[1]"})
    void badInputIsA400AndChangesNothingNotEvenTheToken(String body) {
        long sale = openSale(10, 2).getActivityId();
        String token = token("judy", sale);

        assertRefused(buy("judy", sale, token, body.isEmpty() ? null : body), 400, "VALIDATION_FAILED");

        assertThat(redisStock(sale)).isEqualTo(10);
        assertThat(buyers(sale)).isEmpty();
        assertThat(buy("judy", sale, token, "{\"quantity\":2}").status()).as("the token still works").isEqualTo(202);
    }

    @Test
    void unknownOrDraftActivitiesAreNotFound() {
        assertRefused(post("/api/activities/123456789/purchase-token", "kim", null), 404, "NOT_FOUND");
        assertRefused(buy("kim", 123456789, "AAAAAAAAAAAAAAAAAAAAAA", "{\"quantity\":1}"), 404, "NOT_FOUND");
        Activity draft = managing.create(new io.seckill.flashsale.activity.NewActivity("SKU", "draft", java.math.BigDecimal.ONE,
                5, Instant.now(), Instant.now().plus(Duration.ofHours(1)), 1));
        assertRefused(get("/api/activities/" + draft.getActivityId(), "kim"), 404, "NOT_FOUND");
    }

    @Test
    void withoutAnAuthenticatedUserNothingIsIssuedOrBought() {
        long sale = openSale(10, 1).getActivityId();

        assertRefused(post("/api/activities/" + sale + "/purchase-token", null, null), 401, "UNAUTHORIZED");
        assertRefused(buy(null, sale, "AAAAAAAAAAAAAAAAAAAAAA", "{\"quantity\":1}"), 401, "UNAUTHORIZED");
        assertThat(redisStock(sale)).isEqualTo(10);
    }

    @Test
    void shoppersSeeTheSaleWithItsRemainingStock() {
        long sale = openSale(7, 1).getActivityId();

        ApiClient.Reply listed = get("/api/activities", null);
        ApiClient.Reply one = get("/api/activities/" + sale, null);

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains("\"" + sale + "\"");
        assertThat(one.json().get("remaining").asInt()).isEqualTo(7);
        assertThat(one.json().get("phase").asString()).isEqualTo("LIVE");
        assertThat(Map.of("id", one.json().get("id").asString())).containsEntry("id", Long.toString(sale));
    }
}
