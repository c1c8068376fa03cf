package io.seckill.common.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Calls one service on its own port, past the gateway, as an attacker or a careless client would: any
 * headers (a forged {@code X-User-Id}, a bearer token of any kind), and the answer whatever its status.
 */
public final class DirectCalls {

    /** An answer: status, content type ("null" when none) and body text. */
    public record Reply(int status, String contentType, String body) {
    }

    private final RestClient client;

    public DirectCalls(String baseUrl) {
        this.client = RestClient.create(baseUrl);
    }

    /** {@code body}, when not null, is sent as JSON. */
    public Reply call(HttpMethod method, String path, Map<String, String> headers, String body) {
        RestClient.RequestBodySpec request = client.method(method).uri(path);
        headers.forEach(request::header);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.exchange((req, res) -> new Reply(res.getStatusCode().value(),
                String.valueOf(res.getHeaders().getContentType()), new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    /** The Authorization header for {@code token}. */
    public static Map<String, String> bearer(String token) {
        return Map.of(HttpHeaders.AUTHORIZATION, TestTokens.bearer(token));
    }

    /** Refused with {@code status}, as problem+json. */
    public static void assertRefused(Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }
}
