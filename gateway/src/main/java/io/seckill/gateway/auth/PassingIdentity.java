package io.seckill.gateway.auth;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Services trust X-User-Id and X-User-Roles, so only the gateway may set them: whatever a client sent
 * under any X-User-* name is dropped, and the authenticated user's id (the token's subject) and roles
 * are passed instead. An anonymous request (browsing) reaches the service with neither.
 */
@Component
class PassingIdentity implements GlobalFilter, Ordered {

    static final String USER_ID = "X-User-Id";
    static final String USER_ROLES = "X-User-Roles";
    private static final String IDENTITY_PREFIX = "x-user-";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal().map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(principal -> chain.filter(exchange.mutate()
                        .request(request -> request.headers(headers -> replace(headers, principal)))
                        .build()));
    }

    private static void replace(HttpHeaders headers, Optional<Principal> principal) {
        List<String> spoofable = headers.headerNames().stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).startsWith(IDENTITY_PREFIX)).toList();
        spoofable.forEach(headers::remove);
        principal.filter(Authentication.class::isInstance).map(Authentication.class::cast)
                .filter(Authentication::isAuthenticated)
                .ifPresent(user -> {
                    headers.set(USER_ID, user.getName());
                    headers.set(USER_ROLES, String.join(",", user.getAuthorities().stream()
                            .map(GrantedAuthority::getAuthority)
                            .filter(authority -> authority.startsWith("ROLE_"))
                            .map(authority -> authority.substring("ROLE_".length()))
                            .toList()));
                });
    }
}
