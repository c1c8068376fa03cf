package io.seckill.gateway.problem;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.reactive.resource.NoResourceFoundException;

import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;

/**
 * Every error the gateway itself raises becomes problem+json: no route (404), wrong method, bad
 * input, a service that cannot be reached (503) or does not answer in time (504). Runs before
 * Boot's default handler, which would answer with its own JSON shape.
 */
@Component
@Order(-2)
class GatewayErrors implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrors.class);

    private final ProblemResponses problems;

    GatewayErrors(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        String path = exchange.getRequest().getPath().value();
        if (error instanceof ProblemException refused) {
            // Its headers are part of the answer (Retry-After on a locked-out login or a full hashing queue).
            refused.getHeaders().forEach((name, values) -> exchange.getResponse().getHeaders().put(name, values));
            return problems.write(exchange, refused.code(), refused.getBody().getDetail());
        }
        if (error instanceof NoResourceFoundException) {
            return problems.write(exchange, ErrorCode.NOT_FOUND, "Nothing is served at " + path + ".");
        }
        if (error instanceof WebExchangeBindException invalid) {
            return problems.write(exchange, ErrorCode.VALIDATION_FAILED, invalid.getFieldErrors().stream()
                    .map(field -> field.getField() + ": " + field.getDefaultMessage())
                    .reduce((a, b) -> a + "; " + b).orElse("Invalid request."));
        }
        if (error instanceof ServerWebInputException unreadable) {
            return problems.write(exchange, ErrorCode.VALIDATION_FAILED, "Unreadable request: " + unreadable.getReason());
        }
        if (error instanceof ErrorResponse timedOut && timedOut.getStatusCode().value() == 504) {
            // Spring Cloud Gateway's response timeout arrives as a 504 ResponseStatusException.
            return problems.write(exchange, ErrorCode.UPSTREAM_TIMEOUT, "The service behind " + path + " did not answer in time.");
        }
        if (error instanceof ErrorResponse framework) {
            ErrorCode code = ErrorCode.forStatus(framework.getStatusCode().value());
            String detail = framework.getBody().getDetail();
            return problems.write(exchange, code, detail != null ? detail : code.title() + ".");
        }
        if (causedBy(error, ConnectException.class) || causedBy(error, UnknownHostException.class)) {
            log.warn("{} {}: upstream unreachable: {}", exchange.getRequest().getMethod(), path, error.toString());
            return problems.write(exchange, ErrorCode.UNAVAILABLE, "The service behind " + path + " cannot be reached; retry shortly.");
        }
        if (causedBy(error, IOException.class) || causedBy(error, AbortedException.class)) {
            // The connection closed or was reset under the request (PrematureCloseException, "Connection reset by
            // peer"): the service was stopped or restarted mid-request (55 purchases were answered INTERNAL when
            // seckill-service was killed in a chaos demo), or the shopper left.
            log.warn("{} {}: connection closed before an answer: {}", exchange.getRequest().getMethod(), path, error.toString());
            return problems.write(exchange, ErrorCode.UNAVAILABLE, "The connection to the service behind " + path
                    + " closed before it answered; retry shortly.");
        }
        if (causedBy(error, TimeoutException.class)) {
            return problems.write(exchange, ErrorCode.UPSTREAM_TIMEOUT, "The service behind " + path + " did not answer in time.");
        }
        log.error("{} {} failed in the gateway", exchange.getRequest().getMethod(), path, error);
        return problems.write(exchange, ErrorCode.INTERNAL, "Unexpected error; it has been logged.");
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
