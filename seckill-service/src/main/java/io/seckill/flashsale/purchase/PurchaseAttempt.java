package io.seckill.flashsale.purchase;

/**
 * One shopper's try, already checked at the edge (sale open, token signed for this shopper and sale, not
 * expired); {@code orderId} is reserved for it if accepted. {@code tokenNonce} is marked used for
 * {@code markForMillis}. {@code perUserLimit} is the limit in force: the operator's live override, else the
 * sale's own; {@code traceparent} (W3C, or "") goes into the request stream so the relay continues the trace.
 */
record PurchaseAttempt(long activityId, String userId, String tokenNonce, long markForMillis, int quantity, long orderId,
        long nowMillis, int perUserLimit, String traceparent) {
}
