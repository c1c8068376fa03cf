package io.seckill.order.orders;

/**
 * Where an order is in its life. {@code PENDING} is the semantic lock while placement's global
 * transaction is in flight; {@code CREATED} awaits payment; the last three are final.
 */
public enum OrderStatus {
    PENDING,
    CREATED,
    PAID,
    CANCELLED,
    FAILED
}
