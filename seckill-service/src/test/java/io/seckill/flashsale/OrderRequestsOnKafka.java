package io.seckill.flashsale;

import io.seckill.common.event.OrderRequested;
import io.seckill.common.event.Topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.core.ConsumerFactory;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads seckill.order-requested from the start, as a fresh consumer group, keeping one activity's events. */
public final class OrderRequestsOnKafka {

    private OrderRequestsOnKafka() {
    }

    /** Polls until {@code expected} events of the activity arrived, then {@code settle} longer for extras. */
    public static List<OrderRequested> read(ConsumerFactory<String, String> consumers, JsonMapper json, long activityId,
            int expected, Duration timeout, Duration settle) {
        List<OrderRequested> events = new ArrayList<>();
        try (Consumer<String, String> consumer = consumers.createConsumer("it-" + UUID.randomUUID(), "it")) {
            consumer.subscribe(List.of(Topics.ORDER_REQUESTED));
            long deadline = System.nanoTime() + timeout.toNanos();
            long settleUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settleUntil)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    OrderRequested event;
                    try {
                        event = json.readValue(record.value(), OrderRequested.class);
                    } catch (JacksonException notARequest) {
                        continue; // the topic is shared: other tests leave poison messages on it on purpose
                    }
                    if (event.activityId() == activityId) {
                        events.add(event);
                    }
                }
                if (events.size() >= expected && settleUntil == Long.MAX_VALUE) {
                    settleUntil = System.nanoTime() + settle.toNanos();
                }
            }
        }
        return events;
    }
}
