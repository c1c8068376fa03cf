package io.seckill.flashsale.purchase;

import io.seckill.common.api.SalePath;
import io.seckill.common.error.ServletProblems;
import io.seckill.common.event.SaleSignal;
import io.seckill.flashsale.activity.ActivityCatalog;
import io.seckill.flashsale.stock.SoldOutFlags;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A token request or purchase for a sale this instance has flagged sold out is refused before Spring
 * Security, as the gateway's edge refuses it: the answer is the same for every caller and shows only what
 * the public listing shows, so checking who asks first would buy nothing and cost most of the refusal
 * (a crowd arriving at a sold-out sale brings tokens this instance has not verified yet: verifying each
 * was 3.6x the CPU of the refusal, BENCHMARKS.md "Zero trust"). Everything it does not refuse passes
 * through every check; it reads memory only (the sold-out flag, a sale already cached), never Redis or
 * the database, so made-up ids cost nothing here either.
 */
@Component
class RefusingSoldOutSales extends OncePerRequestFilter implements Ordered {

    private final SoldOutFlags soldOut;
    private final ActivityCatalog catalog;
    private final OpenForPurchase open;
    private final Clock clock;

    RefusingSoldOutSales(SoldOutFlags soldOut, ActivityCatalog catalog, OpenForPurchase open, Clock clock) {
        this.soldOut = soldOut;
        this.catalog = catalog;
        this.open = open;
        this.clock = clock;
    }

    @Override
    public int getOrder() {
        return SecurityFilterProperties.DEFAULT_FILTER_ORDER - 100;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        SalePath sale = SalePath.of(request.getMethod(), request.getRequestURI());
        if (!sale.kind().buys() || !soldOut.isSoldOut(sale.activityId())) {
            chain.doFilter(request, response);
            return;
        }
        // A flagged sale may meanwhile have ended or been paused: name what the controller would.
        SaleState state = catalog.visibleInMemory(sale.activityId()).map(activity -> open.stateOf(activity, clock.instant()))
                .filter(known -> known != SaleState.OPEN).orElse(SaleState.SOLD_OUT);
        response.setHeader(SaleSignal.STATE_HEADER, state.name());
        ServletProblems.write(request, response, state.refusal(), switch (state) {
            case NOT_STARTED -> "The sale has not started.";
            case ENDED -> "The sale has ended.";
            case PAUSED -> "The sale is paused.";
            default -> "Sold out.";
        });
    }
}
