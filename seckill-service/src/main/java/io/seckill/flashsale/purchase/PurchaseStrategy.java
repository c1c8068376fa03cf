package io.seckill.flashsale.purchase;

/** The check-and-decrement against Redis. Whatever the strategy, it writes all or nothing. */
interface PurchaseStrategy {

    PurchaseSettings.Strategy name();

    PurchaseOutcome attempt(PurchaseAttempt attempt);
}
