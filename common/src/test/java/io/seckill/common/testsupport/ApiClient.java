package io.seckill.common.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one HTTP client of the platform's tests and tools: any service on its own port, or the gateway, called as a
 * shopper, an operator, a service or an attacker would. Every answer is a {@link Reply}, problem+json aware; a
 * request that got no HTTP answer at all (refused, reset, timed out) is a reply of status 0 and code NO_ANSWER,
 * so a load generator counts it like any other answer. The requests go out through a {@link Transport}: the JDK's
 * client by default (exact headers, nothing pooled), or a pooled one where a load generator needs it.
 */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Sends one request exactly as given and returns its reply (a {@link Reply#noAnswer} when none came). */
    @FunctionalInterface
    public interface Transport {

        Reply exchange(String method, URI uri, Map<String, String> headers, String body);
    }

    private final String baseUrl;
    private final Transport transport;

    public ApiClient(String baseUrl) {
        this(baseUrl, new JdkTransport());
    }

    public ApiClient(String baseUrl, Transport transport) {
        this.baseUrl = baseUrl;
        this.transport = transport;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The Authorization header of a bearer token, for {@link #send} and {@link #sendAsIs}. */
    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** {@code body} as the JSON the platform's APIs take. */
    public static String json(Object body) {
        return JSON.writeValueAsString(body);
    }

    /** Logs in at the gateway ({@code POST /auth/login}) and returns the access token; fails unless it is issued. */
    public String login(String username, String password) {
        Reply login = send("POST", "/auth/login", null, Map.of("username", username, "password", password));
        if (login.status() != 200) {
            throw new IllegalStateException("login of " + username + " failed: " + login);
        }
        return login.text("accessToken");
    }

    public Reply get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Reply post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    /** {@code body}: null for none, a String sent as it is, anything else as JSON; {@code token}: a bearer token or null. */
    public Reply send(String method, String path, String token, Object body) {
        return send(method, path, token, body, Map.of());
    }

    /** As above, with these headers too (e.g. X-Forwarded-For as a load balancer adds it). */
    public Reply send(String method, String path, String token, Object body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>();
        if (body != null) {
            all.put("Content-Type", "application/json");
        }
        if (token != null) {
            all.put("Authorization", "Bearer " + token);
        }
        all.putAll(headers);
        return transport.exchange(method, URI.create(baseUrl + path), all,
                body == null ? null : body instanceof String text ? text : json(body));
    }

    /** Exactly these headers (none added, none defaulted) and this raw body (null: none): for hostile requests. */
    public Reply sendAsIs(String method, String path, Map<String, String> headers, String body) {
        return transport.exchange(method, URI.create(baseUrl + path), headers, body);
    }

    /** The JDK's HTTP/1.1 client: the headers given and nothing else the JDK does not add itself (Host, length). */
    private static final class JdkTransport implements Transport {

        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3)).build();

        @Override
        public Reply exchange(String method, URI uri, Map<String, String> headers, String body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).method(method,
                    body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            headers.forEach(request::setHeader);
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                        response.headers().map(), response.body());
            } catch (IOException e) {
                return Reply.noAnswer(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** An answer: its status (0: none came), content type ("" when none), headers and body text. */
    public record Reply(int status, String contentType, Map<String, List<String>> headers, String body) {

        /** What a request that got no HTTP answer (refused, reset, timed out) is answered with. */
        public static Reply noAnswer(Exception why) {
            return new Reply(0, "application/problem+json", Map.of(), ApiClient.json(Map.of("code", "NO_ANSWER", "detail", why.toString())));
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The body as JSON (an empty object when it is empty or not JSON). */
        public JsonNode json() {
            try {
                return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            } catch (RuntimeException notJson) {
                return JSON.createObjectNode();
            }
        }

        /** The body read as {@code type}. */
        public <T> T as(Class<T> type) {
            return JSON.readValue(body, type);
        }

        /** A field of the JSON body as text ("" when absent). */
        public String text(String field) {
            return json().path(field).asString();
        }

        /** The problem's stable code; HTTP_<status> when the body carried none. */
        public String code() {
            String code = text("code");
            return code.isEmpty() ? "HTTP_" + status : code;
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        /** The first value of a header, by any spelling of its name; null when absent. */
        public String header(String name) {
            return headers.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name))
                    .map(header -> header.getValue().get(0)).findFirst().orElse(null);
        }

        /** This reply, if it is a problem+json of {@code status} (and {@code code}, unless null); else an AssertionError. */
        public Reply assertProblem(int status, String code) {
            if (this.status != status || !isProblem() || code != null && !code.equals(code())) {
                throw new AssertionError("expected a " + status + (code == null ? "" : " " + code) + " problem+json, got " + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
