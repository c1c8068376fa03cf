package io.seckill.gateway.edge;

import io.seckill.common.api.SalePath;
import io.seckill.common.error.ErrorCode;
import io.seckill.gateway.problem.ProblemResponses;

import java.util.Optional;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * The door answers what it already knows, before anything costs: a token request or purchase for a sale
 * this instance knows is sold out, not started, ended, paused or unknown ({@link SaleStates}) is refused
 * here, from memory — no token check, no rate-limit bucket, no Redis call, no proxying — with the code
 * seckill-service would answer. An activity id that is not in canonical form is refused on any sale path.
 * It runs before Spring Security on purpose: what it refuses would be refused for anyone, and the
 * refusal is cheaper than the checks it saves (nothing it lets through skips them).
 */
@Component
class RefusingAtTheEdge implements WebFilter, Ordered {

    private final SaleStates states;
    private final ProblemResponses problems;

    RefusingAtTheEdge(SaleStates states, ProblemResponses problems) {
        this.states = states;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        return -200; // before Spring Security's WebFilterChainProxy (-100)
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        SalePath sale = SalePath.of(exchange.getRequest().getMethod().name(), exchange.getRequest().getPath().value());
        if (sale.kind() == SalePath.Kind.NONE) {
            return chain.filter(exchange);
        }
        if (sale.kind() == SalePath.Kind.MALFORMED) {
            return problems.write(exchange, ErrorCode.VALIDATION_FAILED,
                    "An activity id is a positive decimal number without leading zeros.");
        }
        Optional<ErrorCode> refusal = states.refusalFor(sale.activityId());
        if (refusal.isPresent() && (sale.kind().buys() || refusal.get() == ErrorCode.NOT_FOUND)) {
            return problems.write(exchange, refusal.get(), explain(refusal.get(), sale.activityId()));
        }
        return chain.filter(exchange);
    }

    private static String explain(ErrorCode refusal, long activityId) {
        return switch (refusal) {
            case SOLD_OUT -> "Sold out.";
            case NOT_STARTED -> "The sale has not started.";
            case ENDED -> "The sale has ended.";
            case PAUSED -> "The sale is paused.";
            default -> "No activity " + activityId + ".";
        };
    }
}
