package io.seckill.order.placement;

import io.seckill.common.event.OrderRequested;
import io.seckill.common.event.Topics;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes accepted purchases with manual acknowledgement: the offset is committed only after the
 * order is placed (or found already placed). Failures are retried with backoff by the container's
 * error handler; a message that cannot be parsed, or keeps failing, goes to {@code <topic>.DLT}.
 */
@Component
class OrderRequestListener {

    /** The listener container's id: operators hold it through {@link PlacementHold}. */
    static final String ID = "order-placement";

    private final PlacingOrder placing;
    private final JsonMapper json;

    OrderRequestListener(PlacingOrder placing, JsonMapper json) {
        this.placing = placing;
        this.json = json;
    }

    @KafkaListener(id = ID, topics = Topics.ORDER_REQUESTED, groupId = Topics.ORDER_PLACEMENT_GROUP,
            concurrency = "${seckill.settlement.consumers:4}")
    void on(ConsumerRecord<String, String> record, Acknowledgment ack) {
        OrderRequested request = json.readValue(record.value(), OrderRequested.class);
        if (request.orderId() <= 0 || request.quantity() <= 0 || request.userId() == null || request.unitPrice() == null
                || request.version() != OrderRequested.VERSION) {
            throw new IllegalArgumentException("not a valid OrderRequested v" + OrderRequested.VERSION + ": " + record.value());
        }
        placing.place(request);
        ack.acknowledge();
    }
}
