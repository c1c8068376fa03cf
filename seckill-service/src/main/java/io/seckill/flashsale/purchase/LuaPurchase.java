package io.seckill.flashsale.purchase;

import io.seckill.flashsale.sale.SaleKeys;
import io.seckill.flashsale.sale.SaleScripts;

import org.springframework.stereotype.Component;

/**
 * The default: scripts/purchase.lua does every check and every write in one atomic step (followed by WAIT for the
 * replicas {@code seckill.sale.replicas} asks for).
 */
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
        SaleScripts.PurchaseReply reply = scripts.purchase(new SaleKeys(attempt.activityId()), attempt.tokenNonce(),
                attempt.markForMillis(), attempt.userId(), attempt.quantity(), attempt.nowMillis(), attempt.orderId(),
                attempt.perUserLimit(), attempt.traceparent());
        return PurchaseOutcome.fromScript(reply.code(), reply.remaining(), attempt.orderId(), reply.replicated());
    }
}
