package io.seckill.gateway.problem;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.Problems;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import io.micrometer.core.instrument.MeterRegistry;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the gateway's own refusals (401, 403, 404, 413, 429, 5xx) as RFC 9457 problem+json with the
 * platform's stable {@code code}, the same shape the services answer with, and counts each in
 * {@code seckill.gateway.rejections{code, route}} — route being a fixed family of paths
 * ({@link RouteFamily}), never the path itself, so the tag stays low-cardinality.
 */
@Component
public class ProblemResponses {

    private final JsonMapper json;
    private final MeterRegistry meters;

    public ProblemResponses(JsonMapper json, MeterRegistry meters) {
        this.json = json;
        this.meters = meters;
    }

    public Mono<Void> write(ServerWebExchange exchange, ErrorCode code, String detail) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        meters.counter("seckill.gateway.rejections", "code", code.name(), "route", RouteFamily.of(path)).increment();
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", code.type().toString());
        problem.put("title", code.title());
        problem.put("status", code.status().value());
        problem.put("detail", detail);
        problem.put("instance", exchange.getRequest().getPath().value());
        problem.put(Problems.CODE, code.name());
        byte[] body = json.writeValueAsBytes(problem);
        response.setStatusCode(code.status());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(body.length);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }
}
