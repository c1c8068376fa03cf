package io.seckill.flashsale.purchase;

import io.seckill.flashsale.sale.SaleKeys;
import io.seckill.flashsale.sale.SaleScripts;

import java.util.List;

import org.springframework.stereotype.Component;

/** The default: scripts/purchase.lua does every check and every write in one atomic step. */
@Component
class LuaPurchase implements PurchaseStrategy {

    private final SaleScripts scripts;

    LuaPurchase(SaleScripts scripts) {
        this.scripts = scripts;
    }

    @Override
    public PurchaseSettings.Strategy name() {
        return PurchaseSettings.Strategy.LUA;
    }

    @Override
    public PurchaseOutcome attempt(PurchaseAttempt attempt) {
        List<Object> result = scripts.purchase(new SaleKeys(attempt.activityId()), attempt.tokenNonce(), attempt.markForMillis(),
                attempt.userId(), attempt.quantity(), attempt.nowMillis(), attempt.orderId(), attempt.perUserLimit(),
                attempt.traceparent());
        return PurchaseOutcome.fromScript((String) result.get(0), ((Number) result.get(1)).longValue(), attempt.orderId());
    }
}
