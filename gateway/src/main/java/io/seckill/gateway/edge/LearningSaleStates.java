package io.seckill.gateway.edge;

import io.seckill.common.api.SalePath;
import io.seckill.common.event.SaleSignal;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

import reactor.core.publisher.Mono;

/**
 * Reads the sale state seckill-service names on a refusal ({@value SaleSignal#STATE_HEADER}) as the
 * answer passes through, so {@link RefusingAtTheEdge} answers the next requests of that sale itself. The
 * header is internal and is taken off the answer the shopper gets.
 */
@Component
class LearningSaleStates implements GlobalFilter, Ordered {

    private final SaleStates states;

    LearningSaleStates(SaleStates states) {
        this.states = states;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        SalePath sale = SalePath.of(exchange.getRequest().getMethod().name(), exchange.getRequest().getPath().value());
        if (sale.activityId() == 0) {
            return chain.filter(exchange);
        }
        exchange.getResponse().beforeCommit(() -> {
            HttpHeaders headers = exchange.getResponse().getHeaders();
            String state = headers.getFirst(SaleSignal.STATE_HEADER);
            if (state != null) {
                states.learn(sale.activityId(), state);
                headers.remove(SaleSignal.STATE_HEADER);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
