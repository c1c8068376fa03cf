package io.seckill.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.common.error.ErrorCode;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import tools.jackson.databind.json.JsonMapper;

class ProblemResponsesTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ProblemResponses problems = new ProblemResponses(JsonMapper.builder().build(), meters);

    @Test
    void aRefusalIsProblemJsonWithItsCodeAndIsCountedByCodeAndRouteFamily() {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.post("/api/activities/118945471271256064/purchases/abc"));

        problems.write(exchange, ErrorCode.RATE_LIMITED, "Too many.").block();

        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(429);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getBodyAsString().block()).contains("\"code\":\"RATE_LIMITED\"", "\"status\":429");
        assertThat(meters.get("seckill.gateway.rejections").tag("code", "RATE_LIMITED").tag("route", "purchase").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void routeFamiliesNeverCarryIds() {
        assertThat(RouteFamily.of("/api/orders/118945471271256188/payment")).isEqualTo("orders");
        assertThat(RouteFamily.of("/api/activities/1/purchase-token")).isEqualTo("purchase-token");
        assertThat(RouteFamily.of("/admin/activities/1/pause")).isEqualTo("admin");
        assertThat(RouteFamily.of("/auth/login")).isEqualTo("login");
        assertThat(RouteFamily.of("/whatever/42")).isEqualTo("other");
    }
}
