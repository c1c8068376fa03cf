package io.seckill.common.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.time.Instant;
import java.util.UUID;

/**
 * What happened to an order, on {@link Topics#ORDER_EVENTS}, keyed by order id. {@code type} is one of
 * {@link #CREATED}, {@link #PAID}, {@link #CANCELLED}, {@link #FAILED}; cancelled and failed orders give
 * their units back (seckill-service returns them to the Redis counter, once per order).
 */
// A newer producer may add fields (its version says what they mean): an older consumer ignores them.
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderLifecycleEvent(UUID eventId, String type, Instant occurredAt, int version,
        long orderId, String userId, long activityId, int quantity, String reason) implements PlatformEvent {

    public static final String CREATED = "OrderCreated";
    public static final String PAID = "OrderPaid";
    public static final String CANCELLED = "OrderCancelled";
    public static final String FAILED = "OrderFailed";
    public static final int VERSION = 1;

    public static OrderLifecycleEvent of(String type, long orderId, String userId, long activityId, int quantity,
            String reason, Instant now) {
        return new OrderLifecycleEvent(UUID.nameUUIDFromBytes((type + ":" + orderId).getBytes()), type, now, VERSION,
                orderId, userId, activityId, quantity, reason);
    }

    /** The unit goes back on sale. */
    public boolean releasesStock() {
        return CANCELLED.equals(type) || FAILED.equals(type);
    }
}
