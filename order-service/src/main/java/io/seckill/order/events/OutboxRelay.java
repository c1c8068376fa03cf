package io.seckill.order.events;

import io.seckill.common.event.OrderLifecycleEvent;
import io.seckill.common.event.Topics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the outbox to {@link Topics#ORDER_EVENTS} (key = order id) on every instance: a batch of the
 * oldest events is locked (SKIP LOCKED, so instances share the work), sent, and deleted in the same
 * transaction once the broker acknowledged every one of them (idempotent producer, acks=all). If Kafka is
 * away nothing is deleted and the batch is tried again; a crash after the send and before the commit sends
 * it again, which consumers ignore (event ids derive from order and type).
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private static final long IDLE_MILLIS = 20;
    private static final long BACKOFF_MILLIS = 1_000;

    private final OrderOutbox outbox;
    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final Counter relayed;
    private final AtomicLong waiting = new AtomicLong();
    private volatile Thread worker;
    private volatile boolean running;

    OutboxRelay(OrderOutbox outbox, KafkaTemplate<String, String> kafka, JsonMapper json, TransactionTemplate transactions,
            MeterRegistry meters) {
        this.outbox = outbox;
        this.kafka = kafka;
        this.json = json;
        this.transactions = transactions;
        this.relayed = Counter.builder("orders.outbox.relayed").description("Lifecycle events published from the outbox")
                .register(meters);
        Gauge.builder("orders.outbox.waiting", waiting, AtomicLong::get)
                .description("Lifecycle events committed, not yet on Kafka").register(meters);
    }

    /** One batch: returns how many events went to Kafka. */
    int relayOnce() {
        Integer sent = transactions.execute(status -> {
            List<OrderOutbox.Waiting> batch = outbox.oldest(BATCH);
            if (batch.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<?>> sends = new ArrayList<>(batch.size());
            for (OrderOutbox.Waiting event : batch) {
                String payload = json.writeValueAsString(OrderLifecycleEvent.of(event.eventType(), event.orderId(),
                        event.userId(), event.activityId(), event.quantity(), event.reason(), event.occurredAt()));
                sends.add(kafka.send(Topics.ORDER_EVENTS, Long.toString(event.orderId()), payload));
            }
            try {
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing the outbox", e);
            } catch (Exception e) {
                throw new IllegalStateException("the broker did not take the outbox batch: " + e.getMessage(), e);
            }
            outbox.delete(batch.stream().map(OrderOutbox.Waiting::id).toList());
            return batch.size();
        });
        relayed.increment(sent);
        return sent;
    }

    private void loop() {
        boolean failing = false;
        long lastCount = 0;
        while (running) {
            try {
                int sent = relayOnce();
                if (failing) {
                    log.info("Outbox relayed again after an outage");
                    failing = false;
                }
                long now = System.nanoTime();
                if (now - lastCount > TimeUnit.SECONDS.toNanos(5)) {
                    waiting.set(outbox.waiting());
                    lastCount = now;
                }
                if (sent == 0) {
                    Thread.sleep(IDLE_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // One line per outage, not one per retry: the events wait in the outbox, nothing is lost.
                if (!failing) {
                    log.warn("Outbox not relayed; retrying every {} ms: {}", BACKOFF_MILLIS, e.toString());
                    failing = true;
                }
                try {
                    Thread.sleep(BACKOFF_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        Thread thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread current = worker;
        worker = null;
        if (current != null) {
            current.interrupt();
            try {
                current.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
