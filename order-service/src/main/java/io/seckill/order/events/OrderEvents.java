package io.seckill.order.events;

import io.seckill.common.event.OrderLifecycleEvent;
import io.seckill.common.event.Topics;
import io.seckill.order.placement.Order;

import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Announces what happened to an order on {@link Topics#ORDER_EVENTS} (key = order id), waiting for the
 * broker's acknowledgement: a caller that cannot announce does not consider its step done.
 */
@Component
public class OrderEvents {

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final Clock clock;

    OrderEvents(KafkaTemplate<String, String> kafka, JsonMapper json, Clock clock) {
        this.kafka = kafka;
        this.json = json;
        this.clock = clock;
    }

    public void announce(String type, Order order, String reason) {
        OrderLifecycleEvent event = OrderLifecycleEvent.of(type, order.getOrderId(), order.getUserId(),
                order.getActivityId(), order.getQuantity(), reason, clock.instant());
        try {
            kafka.send(Topics.ORDER_EVENTS, Long.toString(order.getOrderId()), json.writeValueAsString(event))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted announcing " + type + " of order " + order.getOrderId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not announce " + type + " of order " + order.getOrderId(), e);
        }
    }
}
