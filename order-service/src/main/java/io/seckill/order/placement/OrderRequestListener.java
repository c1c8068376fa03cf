package io.seckill.order.placement;

import io.seckill.common.event.OrderRequested;
import io.seckill.common.event.Topics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consumes accepted purchases a poll at a time, grouped by sale, with manual acknowledgement: the offsets
 * are committed only after every request of the poll is placed (or found placed). A record that is not a
 * valid request (unreadable, or outside its sale's terms), or one whose hold inventory refuses as invalid,
 * goes to {@code <topic>.DLT} at once, with the reason. When some requests cannot be placed
 * now, the poll is committed up to the first of them and the rest is delivered again with backoff (requests
 * placed meanwhile are then found placed); one that keeps failing goes to the DLT.
 */
@Component
class OrderRequestListener {

    /** The listener container's id: operators hold it through {@link PlacementHold}. */
    static final String ID = "order-placement";

    private static final Logger log = LoggerFactory.getLogger(OrderRequestListener.class);

    private final PlacingOrders placing;
    private final JsonMapper json;
    private final DeadLetterPublishingRecoverer deadLetters;
    private final PlacementSpans spans;
    private final KnownSales sales;

    OrderRequestListener(PlacingOrders placing, JsonMapper json, DeadLetterPublishingRecoverer deadLetters, PlacementSpans spans,
            KnownSales sales) {
        this.placing = placing;
        this.sales = sales;
        this.json = json;
        this.deadLetters = deadLetters;
        this.spans = spans;
    }

    @KafkaListener(id = ID, topics = Topics.ORDER_REQUESTED, groupId = Topics.ORDER_PLACEMENT_GROUP,
            concurrency = "${seckill.settlement.consumers:4}", batch = "true")
    void on(List<ConsumerRecord<String, String>> records, Acknowledgment ack) {
        Map<Long, List<OrderRequested>> bySale = new LinkedHashMap<>();
        Map<Long, List<ConsumerRecord<String, String>>> recordsBySale = new LinkedHashMap<>();
        Map<Long, Integer> indexOf = new LinkedHashMap<>();
        Map<Integer, RuntimeException> invalid = new TreeMap<>(); // by offset: dead-lettered in order
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < records.size(); i++) {
            try {
                OrderRequested request = valid(records.get(i));
                if (seen.add(request.orderId())) { // the same request twice in one poll is placed once
                    bySale.computeIfAbsent(request.activityId(), sale -> new ArrayList<>()).add(request);
                    recordsBySale.computeIfAbsent(request.activityId(), sale -> new ArrayList<>()).add(records.get(i));
                    indexOf.put(request.orderId(), i);
                }
            } catch (IllegalArgumentException | JacksonException notARequest) {
                // Only what no retry can change; a failure to check the sale fails the poll (delivered again).
                invalid.put(i, notARequest);
            }
        }
        int firstUnfinished = records.size();
        RuntimeException cause = null;
        for (Map.Entry<Long, List<OrderRequested>> sale : bySale.entrySet()) {
            PlacingOrders.Outcome outcome = placeTraced(sale.getKey(), sale.getValue(), recordsBySale.get(sale.getKey()));
            outcome.refused().forEach((orderId, reason) -> invalid.put(indexOf.get(orderId),
                    new IllegalArgumentException(reason + ": order " + orderId + " is not placed")));
            for (long orderId : outcome.unfinished()) {
                if (indexOf.get(orderId) < firstUnfinished) {
                    firstUnfinished = indexOf.get(orderId);
                    cause = outcome.cause();
                }
            }
        }
        // Records from the first unfinished one on are delivered again: they are dead-lettered then, not twice.
        for (Map.Entry<Integer, RuntimeException> bad : invalid.entrySet()) {
            if (bad.getKey() < firstUnfinished) {
                ConsumerRecord<String, String> record = records.get(bad.getKey());
                // The reason also travels in the DLT record's kafka_dlt-exception-message header.
                log.warn("Dead-lettering {}-{}@{} without retries: {}", record.topic(), record.partition(), record.offset(),
                        bad.getValue().getMessage());
                deadLetters.accept(record, bad.getValue());
            }
        }
        if (firstUnfinished < records.size()) {
            throw new BatchListenerFailedException("placement not finished", cause, firstUnfinished);
        }
        ack.acknowledge();
    }

    private PlacingOrders.Outcome placeTraced(long activityId, List<OrderRequested> group,
            List<ConsumerRecord<String, String>> records) {
        Span span = spans.start(activityId, records);
        try (Tracer.SpanInScope scope = spans.inScope(span)) {
            PlacingOrders.Outcome outcome = placing.place(activityId, group);
            if (outcome.cause() != null) {
                span.error(outcome.cause());
            }
            return outcome;
        } finally {
            span.end();
        }
    }

    private OrderRequested valid(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new IllegalArgumentException("an empty record is not an OrderRequested");
        }
        OrderRequested request = json.readValue(record.value(), OrderRequested.class);
        if (request.orderId() <= 0 || request.activityId() <= 0 || request.quantity() <= 0 || request.userId() == null
                || request.userId().isBlank() || request.unitPrice() == null || request.requestedAt() == null
                || request.version() != OrderRequested.VERSION) {
            // The record itself stays in the DLT; its text (the sender's, of any length) is kept out of the log.
            throw new IllegalArgumentException("not a valid OrderRequested v" + OrderRequested.VERSION
                    + " (ids, quantity and unitPrice positive, userId, requestedAt and version set)");
        }
        sales.refusal(request).ifPresent(reason -> {
            throw new IllegalArgumentException(reason + ": order " + request.orderId() + " is not placed");
        });
        return request;
    }
}
