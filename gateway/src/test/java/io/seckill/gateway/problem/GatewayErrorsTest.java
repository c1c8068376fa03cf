package io.seckill.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;
import tools.jackson.databind.json.JsonMapper;

class GatewayErrorsTest {

    private final GatewayErrors errors = new GatewayErrors(new ProblemResponses(JsonMapper.builder().build(), new SimpleMeterRegistry()));

    /**
     * Regression: seckill-service killed -9 mid-sale left purchases in flight on closed connections, and the
     * gateway answered them 500 INTERNAL with a stack trace each; a closed upstream is a retryable 503.
     */
    @Test
    void aConnectionClosedUnderTheRequestIsARetryable503() {
        for (Throwable closed : new Throwable[] {PrematureCloseException.TEST_EXCEPTION,
                new AbortedException("Connection has been closed BEFORE send operation"),
                new IOException("recvAddress(..) failed with error(-104): Connection reset by peer")}) {
            MockServerWebExchange exchange = MockServerWebExchange.from(
                    MockServerHttpRequest.post("/api/activities/118945471271256064/purchases/abc"));

            errors.handle(exchange, new IllegalStateException("wrapped", closed)).block();

            assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
            assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"code\":\"UNAVAILABLE\"", "retry shortly");
        }
    }

    @Test
    void anythingElseUnexpectedIsInternal() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/orders/1"));

        errors.handle(exchange, new IllegalStateException("a bug")).block();

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(500);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"code\":\"INTERNAL\"");
    }
}
