package io.seckill.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.seckill.common.testsupport.ApiClient;
import io.seckill.common.testsupport.DemoAccounts;
import io.seckill.common.testsupport.OperatorCalls;
import io.seckill.common.testsupport.TestTokens;
import io.seckill.gateway.GatewayStack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Who gets through the gateway, checked through real routes against the real services. */
class GatewayAuthIT extends GatewayStack {

    @Test
    void withoutATokenShoppingIsRefusedWith401ButBrowsingWorks() {
        ApiClient gateway = client();

        ApiClient.Reply token = gateway.send("POST", "/api/activities/1/purchase-token", null, null);
        ApiClient.Reply browse = gateway.send("GET", "/api/activities", null, null);

        assertThat(token.status()).isEqualTo(401);
        assertThat(token.contentType()).startsWith("application/problem+json");
        assertThat(token.code()).isEqualTo("UNAUTHORIZED");
        assertThat(token.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(browse.status()).isEqualTo(200);
    }

    @Test
    void aForgedOrExpiredTokenIsRefusedWith401() {
        String forged = sign("not-the-gateway-secret-but-long-enough-0123456789", "alice", Instant.now());
        String expired = sign("local-development-secret-not-for-production-use", "alice",
                Instant.now().minus(Duration.ofDays(1)));

        for (String token : List.of(forged, expired, "not.a.jwt")) {
            ApiClient.Reply response = client().send("GET", "/api/orders/1", token, null);
            assertThat(response.status()).as(token).isEqualTo(401);
            assertThat(response.code()).isEqualTo("UNAUTHORIZED");
        }
    }

    /**
     * Issue 16: a token without {@code exp} never expired, and a signed {@code sub} holding CR/LF made the
     * gateway answer 500 (it became a header). Both are invalid tokens: 401, never a 500.
     */
    @Test
    void aTokenWithoutExpiryOrWithAControlCharacterInItsSubjectIs401() {
        Map<String, Object> neverExpires = Map.of("iss", TestTokens.USER_ISSUER, "sub", "alice", "roles", List.of("SHOPPER"));
        Map<String, Object> crlf = Map.of("iss", TestTokens.USER_ISSUER, "sub", "alice\r\nX-User-Roles: OPERATOR",
                "roles", List.of("SHOPPER"));
        Map<String, Object> otherIssuer = Map.of("iss", "somebody-else", "sub", "alice", "roles", List.of("SHOPPER"));

        for (String token : List.of(TestTokens.sign(TestTokens.USER_SECRET, neverExpires, null),
                TestTokens.sign(TestTokens.USER_SECRET, crlf, Duration.ofHours(1)),
                TestTokens.sign(TestTokens.USER_SECRET, otherIssuer, Duration.ofHours(1)))) {
            ApiClient.Reply response = client().send("POST", "/api/activities/1/purchase-token", token, null);
            assertThat(response.status()).as(response.body()).isEqualTo(401);
            assertThat(response.code()).isEqualTo("UNAUTHORIZED");
        }
    }

    /**
     * Issue 16: /auth/login had no throttle per account: 200+ wrong passwords for one user in 10 s, then
     * the right one worked. After the free failures each one locks the account out (429 + Retry-After),
     * and while locked even the right password is refused; other accounts are not affected.
     */
    @Test
    void repeatedWrongPasswordsLockTheAccountEvenAgainstTheRightOne() {
        ApiClient gateway = client();
        String victim = "shopper-" + ThreadLocalRandom.current().nextInt(1, 49_999);
        Map<String, String> guess = Map.of("username", victim, "password", "guess");

        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(gateway.send("POST", "/auth/login", null, guess).status()).as("free failure %d", attempt).isEqualTo(401);
        }
        ApiClient.Reply sixth = gateway.send("POST", "/auth/login", null, guess);
        ApiClient.Reply right = gateway.send("POST", "/auth/login", null, Map.of("username", victim, "password", DemoAccounts.SHOPPER_PASSWORD));

        assertThat(sixth.status()).isEqualTo(401);
        assertThat(right.status()).as(right.body()).isEqualTo(429);
        assertThat(right.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(right.header("Retry-After"))).isPositive();
        assertThat(right.body()).doesNotContain("accessToken");
        assertThat(gateway.login("alice", DemoAccounts.SHOPPER_PASSWORD)).as("another account").isNotBlank();
    }

    @Test
    void aShopperOnAdminIsRefusedWith403AndTheOperatorGetsThrough() {
        ApiClient gateway = client();
        String shopper = gateway.login("alice", DemoAccounts.SHOPPER_PASSWORD);
        String operator = gateway.login(DemoAccounts.OPERATOR, DemoAccounts.OPERATOR_PASSWORD);

        ApiClient.Reply asShopper = gateway.send("GET", "/admin/relay/dead-letters", shopper, null);
        ApiClient.Reply asOperator = gateway.send("GET", "/admin/relay/dead-letters", operator, null);
        ApiClient.Reply actuatorAsShopper = gateway.send("GET", "/actuator/gateway/routes", shopper, null);

        assertThat(asShopper.status()).isEqualTo(403);
        assertThat(asShopper.code()).isEqualTo("FORBIDDEN");
        assertThat(asShopper.contentType()).startsWith("application/problem+json");
        assertThat(asOperator.status()).isEqualTo(200);
        assertThat(actuatorAsShopper.status()).as("route management is operators' only").isEqualTo(403);
    }

    @Test
    void aWrongPasswordOrUnknownUserGets401AndNoToken() {
        ApiClient.Reply wrong = client().send("POST", "/auth/login", null, Map.of("username", "alice", "password", "guess"));
        ApiClient.Reply unknown = client().send("POST", "/auth/login", null, Map.of("username", "mallory", "password", "x"));
        ApiClient.Reply invalid = client().send("POST", "/auth/login", null, Map.of("username", ""));

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("accessToken");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("VALIDATION_FAILED");
    }

    /**
     * Identity spoofing: a shopper who sends X-User-Id / X-User-Roles (here: claiming to be bob, an
     * operator) must still buy as herself, and bob must not see, let alone pay, her order (newbee-mall
     * #100). The gateway drops the headers and every service reads the caller from the verified token.
     */
    @Test
    void aSpoofedIdentityHeaderIsIgnoredAndNobodyPaysSomeoneElsesOrder() {
        ApiClient gateway = client();
        String saleId = OperatorCalls.openSaleNow(gateway, "Spoof test " + System.nanoTime(), 10, 1);
        int number = ThreadLocalRandom.current().nextInt(1, 49_999);
        String alice = "shopper-" + number;
        String bob = "shopper-" + (number + 1);
        String aliceToken = gateway.login(alice, DemoAccounts.SHOPPER_PASSWORD);
        String bobToken = gateway.login(bob, DemoAccounts.SHOPPER_PASSWORD);
        Map<String, String> spoofed = Map.of("X-User-Id", bob, "X-User-Roles", "OPERATOR");

        ApiClient.Reply issued = gateway.send("POST", "/api/activities/" + saleId + "/purchase-token", aliceToken, null, spoofed);
        ApiClient.Reply bought = gateway.send("POST", issued.json().get("purchasePath").asString(), aliceToken,
                Map.of("quantity", 1), spoofed);
        assertThat(bought.status()).as(bought.body()).isEqualTo(202);
        String orderId = bought.json().get("orderId").asString();
        String resultPath = bought.json().get("resultPath").asString();

        assertThat(gateway.send("GET", resultPath, aliceToken, null).status()).as("alice's purchase").isEqualTo(200);
        assertThat(gateway.send("GET", resultPath, bobToken, null, Map.of("X-User-Id", alice)).status())
                .as("bob cannot read it, even claiming to be alice").isEqualTo(404);
        assertThat(gateway.send("POST", "/admin/activities/" + saleId + "/pause", aliceToken, null, spoofed).status())
                .as("a spoofed role header grants nothing").isEqualTo(403);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(
                () -> gateway.send("GET", "/api/orders/" + orderId, aliceToken, null).status() == 200);
        ApiClient.Reply bobPays = gateway.send("POST", "/api/orders/" + orderId + "/payment", bobToken, null, Map.of("X-User-Id", alice));
        ApiClient.Reply order = gateway.send("GET", "/api/orders/" + orderId, aliceToken, null);
        assertThat(bobPays.status()).isEqualTo(404);
        assertThat(order.json().get("status").asString()).as("still unpaid").isEqualTo("CREATED");

        ApiClient.Reply alicePays = gateway.send("POST", "/api/orders/" + orderId + "/payment", aliceToken, null);
        assertThat(alicePays.status()).isEqualTo(200);
        assertThat(alicePays.json().get("status").asString()).isEqualTo("PAID");
    }

    private static String sign(String secret, String subject, Instant issuedAt) {
        NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableSecret<>(
                new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer("seckill-gateway").subject(subject)
                .issuedAt(issuedAt).expiresAt(issuedAt.plus(Duration.ofHours(1))).claim("roles", List.of("OPERATOR")).build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
    }
}
