package io.seckill.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.seckill.common.testsupport.ApiClient;
import io.seckill.common.testsupport.DemoAccounts;
import io.seckill.common.testsupport.OperatorCalls;
import io.seckill.gateway.GatewayStack;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.seckill.gateway.ratelimit.RateLimitProperties;

/**
 * The token buckets through the real gateway and Redis: over a limit is 429 problem+json with
 * Retry-After; limits are edited in the live operator file and take effect without a restart.
 */
class RateLimitIT extends GatewayStack {

    @Autowired
    RateLimitProperties limits;

    private String shipped;

    @BeforeEach
    void rememberShippedLimits() throws IOException {
        shipped = Files.readString(CONFIG_FILE);
    }

    @AfterEach
    void restoreShippedLimits() throws IOException {
        Files.writeString(CONFIG_FILE, shipped);
        await().atMost(Duration.ofSeconds(10)).until(() -> limits.getPerUser().getBurstCapacity() == 20
                && limits.getPerIp().getBurstCapacity() == 100 && limits.getPerActivity().getBurstCapacity() == 10000);
    }

    @Test
    void overThePerUserLimitIs429WithRetryAfterAndRaisingItInConfigAdmitsAgainWithoutRestart() throws IOException {
        ApiClient gateway = client();
        String token = gateway.login("shopper-" + ThreadLocalRandom.current().nextInt(1, 50_000), DemoAccounts.SHOPPER_PASSWORD);
        Map<String, String> ownAddress = Map.of("X-Forwarded-For", randomAddress());
        setLimit("per-user", 1, 3);

        // The bucket script counts whole seconds, so a burst straddling a second may get one token more:
        // six requests at a burst of three must still see refusals.
        List<ApiClient.Reply> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            answers.add(gateway.send("GET", "/api/orders/1", token, null, ownAddress));
        }
        assertThat(answers.subList(0, 3)).as("within the burst: the service answers").allMatch(r -> r.status() == 404);
        ApiClient.Reply refused = answers.stream().filter(r -> r.status() == 429).findFirst().orElseThrow(
                () -> new AssertionError("no 429 among " + answers.stream().map(ApiClient.Reply::status).toList()));
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("RATE_LIMITED");
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);

        setLimit("per-user", 1000, 2000);
        // The bucket script counts time in whole seconds: the emptied bucket refills at the new rate
        // from the next second on.
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(250))
                .until(() -> gateway.send("GET", "/api/orders/1", token, null, ownAddress).status() == 404);
        for (int i = 0; i < 30; i++) {
            assertThat(gateway.send("GET", "/api/orders/1", token, null, ownAddress).status())
                    .as("request %d after raising the limit (30 within a second: impossible at 1/s)", i).isEqualTo(404);
        }
    }

    @Test
    void eachClientAddressHasItsOwnBucket() throws IOException {
        ApiClient gateway = client();
        setLimit("per-ip", 1, 2);
        String crowded = randomAddress();

        List<Integer> fromOne = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            fromOne.add(gateway.send("GET", "/api/activities", null, null, Map.of("X-Forwarded-For", crowded)).status());
        }
        ApiClient.Reply fromAnother = gateway.send("GET", "/api/activities", null, null, Map.of("X-Forwarded-For", randomAddress()));

        assertThat(fromOne.subList(0, 2)).containsOnly(200);
        assertThat(fromOne.stream().filter(status -> status == 429).count()).as("refusals in %s", fromOne).isGreaterThanOrEqualTo(2);
        assertThat(fromAnother.status()).isEqualTo(200);
    }

    /** One bucket per sale, shared by every shopper: many users together hit it, each under their own limit. */
    @Test
    void thePurchaseRouteHasOneBucketPerActivityForAllShoppers() throws IOException {
        ApiClient gateway = client();
        setLimit("per-activity", 1, 3);
        // A real sale: an unknown one would be refused at the door (NOT_FOUND) before any bucket is asked.
        long activity = Long.parseLong(OperatorCalls.openSaleNow(gateway, "bucket sale", 10, 1));

        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tokens.add(gateway.login("shopper-" + (i + 1), DemoAccounts.SHOPPER_PASSWORD));
        }
        List<Integer> statuses = new ArrayList<>();
        for (String token : tokens) {
            statuses.add(gateway.send("POST", "/api/activities/" + activity + "/purchases/some-token", token,
                    Map.of("quantity", 1), Map.of("X-Forwarded-For", randomAddress())).status());
        }
        ApiClient.Reply otherSale = gateway.send("POST", "/api/activities/" + (activity - 1) + "/purchases/some-token",
                gateway.login("shopper-7", DemoAccounts.SHOPPER_PASSWORD), Map.of("quantity", 1),
                Map.of("X-Forwarded-For", randomAddress()));

        assertThat(statuses.subList(0, 3)).as("through to the service, which refuses the bogus token").doesNotContain(429);
        assertThat(statuses.subList(3, 6).stream().filter(status -> status == 429).count())
                .as("six shoppers at a burst of three (one token may refill at a second boundary): %s", statuses)
                .isGreaterThanOrEqualTo(2);
        assertThat(otherSale.status()).as("another sale's bucket is untouched").isNotEqualTo(429);
    }

    /** Edits the bucket's two numbers in the live operator file and waits until the gateway has them. */
    private void setLimit(String bucket, int rate, int burst) throws IOException {
        Pattern numbers = Pattern.compile("(" + bucket + ":[^\\n]*\\n\\s*replenish-rate: )\\d+([^\\n]*\\n\\s*burst-capacity: )\\d+");
        String content = Files.readString(CONFIG_FILE);
        Matcher matcher = numbers.matcher(content);
        assertThat(matcher.find()).as("the documented keys of " + bucket + " are in config/gateway.yaml").isTrue();
        Files.writeString(CONFIG_FILE, matcher.replaceFirst("$1" + rate + "$2" + burst));
        await().atMost(Duration.ofSeconds(10)).until(() -> limitOf(bucket).getBurstCapacity() == burst
                && limitOf(bucket).getReplenishRate() == rate);
    }

    private RateLimitProperties.Limit limitOf(String bucket) {
        return switch (bucket) {
            case "per-user" -> limits.getPerUser();
            case "per-ip" -> limits.getPerIp();
            default -> limits.getPerActivity();
        };
    }

    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "203.0." + random.nextInt(0, 256) + "." + random.nextInt(1, 255);
    }
}
