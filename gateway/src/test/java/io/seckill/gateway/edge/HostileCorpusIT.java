package io.seckill.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.seckill.common.testsupport.ApiClient;
import io.seckill.common.testsupport.DemoAccounts;
import io.seckill.common.testsupport.OperatorCalls;
import io.seckill.common.testsupport.TestTokens;
import io.seckill.gateway.GatewayStack;
import io.seckill.gateway.ratelimit.RateLimitProperties;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 16, "lenient input" and "services trust the network", as one corpus: every request kept in
 * {@code hostile/requests.json} (forged and malformed credentials, identity headers, other spellings of ids,
 * wrong methods, lenient and malformed bodies, wrong content types, oversized heads) is sent through the
 * real gateway to the real services, against every public and admin endpoint. Each must get a 4xx
 * problem+json with a code (never a 5xx, never a success), and afterwards the sale, the shopper's order and
 * the list of sales are as they were, and the shopper's unused purchase token still buys exactly once.
 * Rate limits are off while it runs: a 429 would hide what the endpoint itself answers.
 */
class HostileCorpusIT extends GatewayStack {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    RateLimitProperties limits;

    private String shipped;

    @BeforeEach
    void rateLimitsOff() throws IOException {
        shipped = Files.readString(CONFIG_FILE);
        Files.writeString(CONFIG_FILE, shipped.replaceFirst("(rate-limits:[^\\n]*\\n\\s*enabled: )true", "$1false"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !limits.isEnabled());
    }

    @AfterEach
    void rateLimitsBack() throws IOException {
        Files.writeString(CONFIG_FILE, shipped);
        await().atMost(Duration.ofSeconds(10)).until(() -> limits.isEnabled());
    }

    @Test
    void everyHostileRequestIsAProblemAndChangesNothing() throws IOException {
        ApiClient gateway = client();
        String shopperName = "shopper-" + ThreadLocalRandom.current().nextInt(1, 50_000);
        String shopper = gateway.login(shopperName, DemoAccounts.SHOPPER_PASSWORD);
        String operator = gateway.login(DemoAccounts.OPERATOR, DemoAccounts.OPERATOR_PASSWORD);
        String sale = OperatorCalls.openSaleNow(gateway, "hostile corpus", 10, 2);
        String order = buy(gateway, shopper, sale, token(gateway, shopper, sale)).json().get("orderId").asString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> gateway.send("GET", "/api/orders/" + order, shopper, null).status() == 200);
        String unused = token(gateway, shopper, sale);
        Map<String, String> before = state(gateway, shopper, operator, sale, order);

        JsonNode corpus = corpus();
        Map<String, String> values = Map.of("{sale}", sale, "{order}", order, "{token}", unused);
        Map<String, String> callers = Map.of("shopper", shopper, "operator", operator);
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        for (JsonNode endpoint : corpus.get("endpoints")) {
            String method = endpoint.get("method").asString();
            String path = endpoint.get("path").asString();
            String caller = endpoint.get("caller").asString();
            String bearer = callers.containsKey(caller) ? "Bearer " + callers.get(caller) : null;
            String bodyKind = endpoint.path("body").asString("");
            String validBody = validBody(bodyKind, shopperName);
            String resolved = resolve(path, values);
            if (bearer != null) {
                for (JsonNode authorization : corpus.get("authorizations")) {
                    if (authorization.isNull()) {
                        sent += check(gateway, wrong, method, resolved, headers(null, validBody), validBody);
                    } else if (!authorization.asString().contains("{shopper}") || caller.equals("operator")) {
                        sent += check(gateway, wrong, method, resolved,
                                headers(hostileToken(authorization.asString(), shopper), validBody), validBody);
                    }
                }
                for (JsonNode identity : corpus.get("identity-headers")) {
                    Map<String, String> spoofed = headers(null, validBody);
                    identity.properties().forEach(header -> spoofed.put(header.getKey(), header.getValue().asString()));
                    sent += check(gateway, wrong, method, resolved, spoofed, validBody);
                }
            }
            for (JsonNode other : corpus.get("methods")) {
                sent += check(gateway, wrong, other.asString(), resolved, headers(bearer, validBody), validBody);
            }
            for (Map.Entry<String, String> value : values.entrySet()) {
                if (!path.contains(value.getKey())) {
                    continue;
                }
                for (JsonNode spelling : corpus.get("ids")) {
                    String respelled = resolve(path.replace(value.getKey(), spelling.asString().replace("{id}", value.getValue())), values);
                    sent += check(gateway, wrong, method, respelled, headers(bearer, validBody), validBody);
                }
            }
            if (!bodyKind.isEmpty()) {
                for (JsonNode body : corpus.get("bodies").get(bodyKind)) {
                    String hostile = body(body.asString());
                    sent += check(gateway, wrong, method, resolved, headers(bearer, hostile), hostile);
                }
                for (JsonNode type : corpus.get("content-types")) {
                    Map<String, String> typed = headers(bearer, validBody);
                    typed.put("Content-Type", type.asString());
                    sent += check(gateway, wrong, method, resolved, typed, validBody);
                }
            }
            Map<String, String> bigHead = headers(bearer, validBody);
            bigHead.put("X-Padding", "a".repeat(20_000));
            sent += check(gateway, wrong, method, resolved, bigHead, validBody);
            sent += check(gateway, wrong, method, resolved + "?pad=" + "a".repeat(20_000), headers(bearer, validBody), validBody);
        }

        assertThat(wrong).as("of %d hostile requests, those not answered 4xx problem+json with a code", sent).isEmpty();
        assertThat(state(gateway, shopper, operator, sale, order)).as("the sale, the order and the sales listed").isEqualTo(before);
        assertThat(buy(gateway, shopper, sale, unused).status()).as("the unused token still buys").isEqualTo(202);
        assertThat(buy(gateway, shopper, sale, unused).code()).as("and only once").isEqualTo("TOKEN_INVALID");
        assertThat(gateway.login("alice", DemoAccounts.SHOPPER_PASSWORD)).as("no real account was locked out").isNotBlank();
    }

    /** 1 when the answer is right; otherwise it is listed in {@code wrong}. */
    private static int check(ApiClient gateway, List<String> wrong, String method, String path, Map<String, String> headers,
            String body) {
        ApiClient.Reply answer = gateway.sendAsIs(method, path, headers, body);
        boolean problem = answer.status() >= 400 && answer.status() < 500
                && answer.contentType().startsWith("application/problem+json") && hasCode(answer);
        if (!problem) {
            wrong.add(method + " " + abbreviate(path) + " " + abbreviate(headers.toString()) + " body " + abbreviate(body)
                    + " -> " + answer.status() + " " + answer.contentType() + " " + abbreviate(answer.body()));
        }
        return 1;
    }

    private static boolean hasCode(ApiClient.Reply answer) {
        try {
            return !answer.code().isBlank();
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /** What the corpus may not change: the sale (operator's and shopper's view), the order, which sales are listed. */
    private static Map<String, String> state(ApiClient gateway, String shopper, String operator, String sale, String order) {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("sale (operator)", gateway.send("GET", "/admin/activities/" + sale, operator, null).body());
        state.put("sale (shopper)", gateway.send("GET", "/api/activities/" + sale, shopper, null).body());
        state.put("order", gateway.send("GET", "/api/orders/" + order, shopper, null).body());
        // Ids only: other tests' sales change phase with the clock while the corpus runs.
        List<String> listed = new ArrayList<>();
        gateway.send("GET", "/api/activities", shopper, null).json().forEach(listedSale -> listed.add(listedSale.get("id").asString()));
        state.put("sales", listed.stream().sorted().toList().toString());
        return state;
    }

    private static ApiClient.Reply buy(ApiClient gateway, String shopper, String sale, String token) {
        return gateway.send("POST", "/api/activities/" + sale + "/purchases/" + token, shopper, Map.of("quantity", 1));
    }

    private static String token(ApiClient gateway, String shopper, String sale) {
        ApiClient.Reply issued = gateway.send("POST", "/api/activities/" + sale + "/purchase-token", shopper, null);
        assertThat(issued.status()).as("purchase token: %s", issued.body()).isEqualTo(200);
        return issued.json().get("token").asString();
    }

    private static String validBody(String kind, String shopperName) {
        Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return switch (kind) {
            case "purchase" -> "{\"quantity\":1}";
            case "login" -> "{\"username\":\"" + shopperName + "\",\"password\":\"" + DemoAccounts.SHOPPER_PASSWORD + "\"}";
            case "sale" -> "{\"sku\":\"SKU-H\",\"title\":\"h\",\"price\":1.00,\"perUserLimit\":1,\"stock\":3,\"startAt\":\""
                    + start + "\",\"endAt\":\"" + start.plus(Duration.ofHours(1)) + "\"}";
            default -> null;
        };
    }

    private static String body(String template) {
        Instant start = Instant.now().plus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return template.replace("{deep}", "[".repeat(5_000) + "]".repeat(5_000))
                .replace("{uuid}", UUID.randomUUID().toString())
                .replace("{window}", "\"startAt\":\"" + start + "\",\"endAt\":\"" + start.plus(Duration.ofHours(1)) + "\"");
    }

    private static Map<String, String> headers(String authorization, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        // A client address of its own per request (127.0.0.1 is a trusted proxy here).
        headers.put("X-Forwarded-For", "10.66." + ThreadLocalRandom.current().nextInt(256) + "." + ThreadLocalRandom.current().nextInt(256));
        if (authorization != null) {
            headers.put("Authorization", authorization);
        }
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return headers;
    }

    private static String hostileToken(String authorization, String shopper) {
        Map<String, Object> alice = Map.of("iss", TestTokens.USER_ISSUER, "sub", "alice", "roles", List.of("OPERATOR"));
        return authorization
                .replace("{forged}", TestTokens.sign("not-the-gateway-secret-but-long-enough-0123456789", alice, Duration.ofHours(1)))
                .replace("{expired}", TestTokens.sign(TestTokens.USER_SECRET, Map.of("iss", TestTokens.USER_ISSUER, "sub", "alice",
                        "roles", List.of("OPERATOR"), "iat", Instant.now().minus(Duration.ofHours(2))), Duration.ofHours(-1)))
                .replace("{no-exp}", TestTokens.sign(TestTokens.USER_SECRET, alice, null))
                .replace("{alg-none}", unsigned(alice))
                .replace("{crlf-subject}", TestTokens.sign(TestTokens.USER_SECRET, Map.of("iss", TestTokens.USER_ISSUER,
                        "sub", "alice\r\nX-Injected: 1", "roles", List.of("OPERATOR")), Duration.ofHours(1)))
                .replace("{other-issuer}", TestTokens.sign(TestTokens.USER_SECRET, Map.of("iss", "someone-else", "sub", "alice",
                        "roles", List.of("OPERATOR")), Duration.ofHours(1)))
                .replace("{service}", TestTokens.service("hostile"))
                .replace("{shopper}", shopper);
    }

    private static String unsigned(Map<String, Object> claims) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        Map<String, Object> withExp = new LinkedHashMap<>(claims);
        withExp.put("exp", Instant.now().plus(Duration.ofHours(1)).getEpochSecond());
        return url.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + url.encodeToString(JSON.writeValueAsBytes(withExp)) + ".";
    }

    private static String resolve(String path, Map<String, String> values) {
        String resolved = path;
        for (Map.Entry<String, String> value : values.entrySet()) {
            resolved = resolved.replace(value.getKey(), value.getValue());
        }
        return resolved;
    }

    private static String abbreviate(String text) {
        return text == null ? "null" : text.length() <= 160 ? text : text.substring(0, 160) + "…(" + text.length() + ")";
    }

    private static JsonNode corpus() throws IOException {
        try (InputStream in = HostileCorpusIT.class.getResourceAsStream("/hostile/requests.json")) {
            return JSON.readTree(in);
        }
    }
}
