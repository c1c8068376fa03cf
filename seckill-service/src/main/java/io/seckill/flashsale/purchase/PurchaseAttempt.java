package io.seckill.flashsale.purchase;

/**
 * One shopper's try, already validated at the edge; {@code orderId} is reserved for it if accepted.
 * {@code perUserLimitOverride} is the operator's live limit for the sale (0: the sale's own applies);
 * {@code traceparent} (W3C, or "") goes into the request stream so the relay continues the trace.
 */
record PurchaseAttempt(long activityId, String userId, String token, int quantity, long orderId, long nowMillis,
        int perUserLimitOverride, String traceparent) {
}
