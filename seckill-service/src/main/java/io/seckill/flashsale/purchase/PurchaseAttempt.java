package io.seckill.flashsale.purchase;

/** One shopper's try, already validated at the edge; {@code orderId} is reserved for it if accepted. */
record PurchaseAttempt(long activityId, String userId, String token, int quantity, long orderId, long nowMillis) {
}
