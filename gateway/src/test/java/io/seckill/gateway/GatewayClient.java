package io.seckill.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A shopper's or operator's HTTP client of the gateway, as the storefront and scripts use it. */
public final class GatewayClient {

    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "operator-pass";
    public static final String SHOPPER_PASSWORD = "shopper-pass";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public GatewayClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String login(String username, String password) {
        Response response = send("POST", "/auth/login", null, Map.of("username", username, "password", password));
        if (response.status() != 200) {
            throw new IllegalStateException("login of " + username + " failed: " + response);
        }
        return response.json().get("accessToken").asString();
    }

    /** A live sale created and published by the operator; returns its id. */
    public String openSale(String title, int stock, int perUserLimit) {
        String operator = login(OPERATOR, OPERATOR_PASSWORD);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Response created = send("POST", "/admin/activities", operator, Map.of(
                "sku", "SKU-" + Math.abs(title.hashCode()), "title", title, "price", "9.90", "stock", stock,
                "startAt", now.minusSeconds(1).toString(), "endAt", now.plus(Duration.ofHours(1)).toString(),
                "perUserLimit", perUserLimit));
        if (created.status() != 201) {
            throw new IllegalStateException("creating sale failed: " + created);
        }
        String id = created.json().get("id").asString();
        Response published = send("POST", "/admin/activities/" + id + "/publish", operator, null);
        if (published.status() != 200) {
            throw new IllegalStateException("publishing sale failed: " + published);
        }
        return id;
    }

    public Response send(String method, String path, String token, Object body) {
        return send(method, path, token, body, Map.of());
    }

    public Response send(String method, String path, String token, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return exchange(request, method, path);
    }

    /** Exactly these headers (none added, none defaulted) and this raw body (null: none). */
    public Response sendAsIs(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::setHeader);
        return exchange(request, method, path);
    }

    private Response exchange(HttpRequest.Builder request, String method, String path) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, String contentType, Map<String, java.util.List<String>> headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String code() {
            return json().path("code").asString();
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }
}
