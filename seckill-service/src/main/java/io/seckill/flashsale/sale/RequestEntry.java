package io.seckill.flashsale.sale;

import io.seckill.common.event.OrderRequested;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One accepted purchase as it waits in its sale's request stream: written by the purchase script
 * ({@code scripts/purchase.lua}, which spells these field names; {@code RequestEntryTest} checks it does)
 * or the lock strategy, read back by the relay, kept by the dead letters. {@code traceparent} is the W3C
 * trace context of the request that was accepted ("" when untraced).
 */
public record RequestEntry(long orderId, String userId, long activityId, int quantity, BigDecimal unitPrice,
        long requestedAtMillis, String traceparent) {

    public static final String ORDER_ID = "orderId";
    public static final String USER_ID = "userId";
    public static final String ACTIVITY_ID = "activityId";
    public static final String QUANTITY = "quantity";
    public static final String UNIT_PRICE = "unitPrice";
    public static final String REQUESTED_AT = "requestedAt";
    public static final String TRACEPARENT = "traceparent";

    /** Every field, in the order the purchase script writes them. */
    public static final List<String> FIELDS = List.of(ORDER_ID, USER_ID, ACTIVITY_ID, QUANTITY, UNIT_PRICE, REQUESTED_AT,
            TRACEPARENT);

    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(ORDER_ID, Long.toString(orderId));
        fields.put(USER_ID, userId);
        fields.put(ACTIVITY_ID, Long.toString(activityId));
        fields.put(QUANTITY, Integer.toString(quantity));
        fields.put(UNIT_PRICE, unitPrice.toPlainString());
        fields.put(REQUESTED_AT, Long.toString(requestedAtMillis));
        fields.put(TRACEPARENT, traceparent == null ? "" : traceparent);
        return fields;
    }

    /** The entry a stream holds; {@link IllegalArgumentException} naming the field if one is missing or malformed. */
    public static RequestEntry parse(Map<String, String> fields) {
        return new RequestEntry(number(fields, ORDER_ID), required(fields, USER_ID), number(fields, ACTIVITY_ID),
                (int) number(fields, QUANTITY), decimal(fields, UNIT_PRICE), number(fields, REQUESTED_AT),
                fields.getOrDefault(TRACEPARENT, ""));
    }

    /** The event the relay publishes for this entry. */
    public OrderRequested toEvent(Instant now) {
        return OrderRequested.of(orderId, userId, activityId, quantity, unitPrice, Instant.ofEpochMilli(requestedAtMillis), now);
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }

    private static long number(Map<String, String> fields, String name) {
        try {
            return Long.parseLong(required(fields, name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + fields.get(name));
        }
    }

    private static BigDecimal decimal(Map<String, String> fields, String name) {
        try {
            return new BigDecimal(required(fields, name));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a decimal: " + fields.get(name));
        }
    }
}
