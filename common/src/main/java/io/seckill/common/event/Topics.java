package io.seckill.common.event;

/** Kafka topic (and shared consumer-group) names: one place, so producer and consumer cannot drift apart. */
public final class Topics {

    /** Accepted purchases, relayed from seckill-service's Redis stream; keyed by user id. */
    public static final String ORDER_REQUESTED = "seckill.order-requested";

    /** Order lifecycle (created, paid, cancelled, failed), published by order-service; keyed by order id. */
    public static final String ORDER_EVENTS = "seckill.order-events";

    /** order-service's consumer group placing {@link #ORDER_REQUESTED}; its lag is "requests not yet placed". */
    public static final String ORDER_PLACEMENT_GROUP = "order-service-placement";

    private static final String DEAD_LETTER_SUFFIX = ".DLT";

    private Topics() {
    }

    /** Where a topic's poison messages go, by the platform-wide convention {@code <topic>.DLT}. */
    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
