package io.seckill.order;

import io.seckill.common.testsupport.InventoryLedgers;
import io.seckill.common.testsupport.TestTokens;
import io.seckill.common.event.OrderLifecycleEvent;
import io.seckill.common.event.OrderRequested;
import io.seckill.common.event.Topics;
import io.seckill.common.testsupport.ServiceProcess;
import io.seckill.order.orders.OrderMapper;
import io.seckill.order.orders.OrderStatus;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * What the settlement ITs do to a sale of their own, against the real stack: open its ledger in the real
 * inventory-service, publish requests to Kafka as seckill-service's relay does, and read what became of
 * them (orders by status, the ledger, the lifecycle events on Kafka) — scoped to that sale only.
 */
@Component
public class Settlements {

    private final KafkaTemplate<String, String> kafka;
    private final ConsumerFactory<String, String> consumers;
    private final JsonMapper json;
    private final OrderMapper orders;
    private final InventoryLedgers ledgers = new InventoryLedgers(ServiceProcess.baseUrl("inventory-service"));

    Settlements(KafkaTemplate<String, String> kafka, ConsumerFactory<String, String> consumers, JsonMapper json, OrderMapper orders) {
        this.kafka = kafka;
        this.consumers = consumers;
        this.json = json;
        this.orders = orders;
    }

    /** A sale known only to this test: its ledger opened with {@code units}, on sale this hour, 10 units a shopper. */
    public long openSale(int units) {
        return openSale(units, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)), 10);
    }

    /** A sale known only to this test, with its own terms. */
    public long openSale(int units, Instant startAt, Instant endAt, int perUserLimit) {
        long activityId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        ledgers.open(activityId, units, startAt, endAt, perUserLimit);
        return activityId;
    }

    /** The body that opens a ledger as seckill-service does when it publishes a sale. */
    public static Map<String, Object> ledgerOf(int units, Instant startAt, Instant endAt, int perUserLimit) {
        return Map.of("total", units, "perUserLimit", perUserLimit, "startAt", startAt.toString(), "endAt", endAt.toString());
    }

    /** A ledger on sale this hour, 10 units a shopper. */
    public static Map<String, Object> ledgerOf(int units) {
        return ledgerOf(units, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)), 10);
    }

    public static List<OrderRequested> requests(long activityId, int count) {
        long first = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 60);
        List<OrderRequested> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(OrderRequested.of(first + i, "buyer-" + i, activityId, 1, new BigDecimal("9.90"), Instant.now(),
                    Instant.now()));
        }
        return requests;
    }

    public void publish(List<OrderRequested> requests) throws Exception {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (OrderRequested request : requests) {
            sent.add(kafka.send(Topics.ORDER_REQUESTED, request.userId(), json.writeValueAsString(request)));
        }
        for (CompletableFuture<?> f : sent) {
            f.get(30, TimeUnit.SECONDS);
        }
    }

    public Map<String, Object> ledger(long activityId) {
        return ledgers.read(activityId);
    }

    public long count(long activityId, OrderStatus status) {
        return orders.countByStatus(activityId).stream().filter(c -> c.status() == status)
                .mapToLong(OrderMapper.StatusCount::orders).sum();
    }

    public long all(long activityId) {
        return orders.countByStatus(activityId).stream().mapToLong(OrderMapper.StatusCount::orders).sum();
    }

    /**
     * The sale's lifecycle events on Kafka, read from the start by a new consumer group: order id to the
     * types announced for it (each as often as it was announced), until {@code enough} holds or the patience ends.
     */
    public Map<Long, List<String>> events(long activityId, Duration patience, Predicate<Map<Long, List<String>>> enough) {
        Map<Long, List<String>> events = new HashMap<>();
        try (Consumer<String, String> consumer = consumers.createConsumer("it-" + UUID.randomUUID(), "it")) {
            consumer.subscribe(List.of(Topics.ORDER_EVENTS));
            long deadline = System.nanoTime() + patience.toNanos();
            while (!enough.test(events) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    OrderLifecycleEvent event = json.readValue(record.value(), OrderLifecycleEvent.class);
                    if (event.activityId() == activityId) {
                        events.computeIfAbsent(event.orderId(), id -> new ArrayList<>()).add(event.type());
                    }
                }
            }
        }
        return events;
    }
}
