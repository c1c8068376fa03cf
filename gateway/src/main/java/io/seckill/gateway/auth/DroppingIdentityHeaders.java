package io.seckill.gateway.auth;

import java.util.List;
import java.util.Locale;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * No service believes an identity header any more (each verifies the bearer token the gateway forwards),
 * but older services and logs once did: whatever a client sent under an X-User-* name is dropped on
 * the way through, so no such header ever reaches a service from outside.
 */
@Component
class DroppingIdentityHeaders implements GlobalFilter, Ordered {

    private static final String IDENTITY_PREFIX = "x-user-";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        List<String> spoofed = headers.headerNames().stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).startsWith(IDENTITY_PREFIX)).toList();
        if (spoofed.isEmpty()) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(request -> request.headers(h -> spoofed.forEach(h::remove))).build());
    }
}
