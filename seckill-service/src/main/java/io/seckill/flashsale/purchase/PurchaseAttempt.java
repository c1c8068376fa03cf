package io.seckill.flashsale.purchase;

/**
 * One shopper's try, already validated at the edge; {@code orderId} is reserved for it if accepted.
 * {@code perUserLimit} is the limit in force: the operator's live override, else the sale's own;
 * {@code traceparent} (W3C, or "") goes into the request stream so the relay continues the trace.
 */
record PurchaseAttempt(long activityId, String userId, String token, int quantity, long orderId, long nowMillis,
        int perUserLimit, String traceparent) {
}
