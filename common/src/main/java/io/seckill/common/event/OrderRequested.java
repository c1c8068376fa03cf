package io.seckill.common.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A purchase seckill-service accepted (answered 202), relayed from its Redis stream to
 * {@link Topics#ORDER_REQUESTED}, keyed by user id. {@code orderId} was assigned at acceptance and is
 * the order's primary key downstream: a replayed or duplicated event creates nothing new.
 */
// A newer producer may add fields (its version says what they mean): an older consumer ignores them.
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderRequested(UUID eventId, String type, Instant occurredAt, int version,
        long orderId, String userId, long activityId, int quantity, BigDecimal unitPrice, Instant requestedAt)
        implements PlatformEvent {

    public static final String TYPE = "OrderRequested";
    public static final int VERSION = 1;

    /** The event id derives from the order id, so a re-relayed entry is recognisably the same event. */
    public static OrderRequested of(long orderId, String userId, long activityId, int quantity, BigDecimal unitPrice,
            Instant requestedAt, Instant now) {
        return new OrderRequested(UUID.nameUUIDFromBytes(("order-requested:" + orderId).getBytes()), TYPE, now,
                VERSION, orderId, userId, activityId, quantity, unitPrice, requestedAt);
    }
}
