package io.seckill.flashsale.relay;

import io.seckill.common.event.OrderRequested;
import io.seckill.common.event.Topics;
import io.seckill.flashsale.stock.SaleKeys;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.AutoClaimResult;
import org.redisson.api.stream.PendingEntry;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamMessageId;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.RedisException;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Moves accepted purchases from each activity's Redis stream to Kafka ({@link Topics#ORDER_REQUESTED},
 * key = user id), on every instance, as one consumer of the group {@value SaleKeys#RELAY_GROUP}.
 * An entry is acknowledged (and deleted) only after the broker confirmed it (idempotent producer,
 * acks=all). Entries left pending by a dead consumer are claimed after {@code claim-idle}; an entry that
 * fails {@code max-deliveries} times moves to the activity's dead-letter stream. A crash between publish
 * and acknowledge publishes the same order id again, which downstream ignores.
 */
@Component
public class RequestRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RequestRelay.class);

    private final RedissonClient redisson;
    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final RelayProperties properties;
    private final Clock clock;
    private final RequestTracing tracing;
    private final String consumer;
    private final Counter relayed;
    private final Counter failures;
    private final Counter deadLettered;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong lagMillis = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();

    private volatile Thread worker;
    private volatile boolean running;
    private long lastClaim;
    private long lastGauges;

    RequestRelay(RedissonClient redisson, KafkaTemplate<String, String> kafka, JsonMapper json, RelayProperties properties,
            Clock clock, MeterRegistry meters, RequestTracing tracing) {
        this.redisson = redisson;
        this.kafka = kafka;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
        this.tracing = tracing;
        this.consumer = "relay-" + ManagementFactory.getRuntimeMXBean().getPid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.relayed = Counter.builder("seckill.relay.relayed").description("Requests published to Kafka").register(meters);
        this.failures = Counter.builder("seckill.relay.failures").description("Publish attempts that failed").register(meters);
        this.deadLettered = Counter.builder("seckill.relay.dead-lettered").register(meters);
        Gauge.builder("seckill.relay.backlog", backlog, AtomicLong::get).description("Requests not yet relayed").register(meters);
        Gauge.builder("seckill.relay.pending", pending, AtomicLong::get).description("Requests delivered, not acknowledged").register(meters);
        Gauge.builder("seckill.relay.lag", lagMillis, v -> v.get() / 1000.0).baseUnit("seconds")
                .description("Age of the oldest request not yet relayed").register(meters);
        Gauge.builder("seckill.relay.dead-letters", deadLetters, AtomicLong::get).register(meters);
    }

    /** One round over every active stream; returns how many entries it relayed. */
    public int relayOnce() {
        int moved = 0;
        for (long activityId : activeActivities()) {
            RStream<String, String> stream = stream(activityId);
            try {
                Map<StreamMessageId, Map<String, String>> entries = stream.readGroup(SaleKeys.RELAY_GROUP, consumer,
                        StreamReadGroupArgs.neverDelivered().count(properties.getBatchSize()));
                moved += publishAndAck(activityId, stream, entries);
            } catch (RedisException e) {
                // One broken stream must not stall the others; a lost group (stream deleted) is recreated.
                if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
                    recreateGroup(stream);
                } else {
                    log.warn("Relaying activity {} failed this round: {}", activityId, e.toString());
                }
            }
        }
        long now = System.nanoTime();
        if (now - lastClaim >= properties.getClaimInterval().toNanos()) {
            lastClaim = now;
            moved += claimStuck();
        }
        if (now - lastGauges >= TimeUnit.SECONDS.toNanos(1)) {
            lastGauges = now;
            refreshGauges();
        }
        return moved;
    }

    private int publishAndAck(long activityId, RStream<String, String> stream, Map<StreamMessageId, Map<String, String>> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        Map<StreamMessageId, CompletableFuture<?>> sends = new LinkedHashMap<>();
        for (Map.Entry<StreamMessageId, Map<String, String>> entry : entries.entrySet()) {
            OrderRequested event;
            String payload;
            try {
                event = toEvent(entry.getValue());
                payload = json.writeValueAsString(event);
            } catch (RuntimeException malformed) {
                deadLetter(activityId, entry.getKey(), entry.getValue(), "malformed: " + malformed.getMessage());
                continue;
            }
            try {
                String key = event.userId();
                sends.put(entry.getKey(), tracing.continuing(entry.getValue(), activityId,
                        () -> kafka.send(Topics.ORDER_REQUESTED, key, payload)));
            } catch (RuntimeException brokerUnavailable) {
                // send() itself throws when the broker cannot be reached in time: a failed publish like any
                // other (stays pending, is claimed again), never a reason to dead-letter a good request.
                sends.put(entry.getKey(), CompletableFuture.failedFuture(brokerUnavailable));
            }
        }
        List<StreamMessageId> done = new ArrayList<>();
        for (Map.Entry<StreamMessageId, CompletableFuture<?>> send : sends.entrySet()) {
            try {
                send.getValue().get(30, TimeUnit.SECONDS);
                done.add(send.getKey());
            } catch (Exception e) {
                // Stays pending: claimed and retried later, dead-lettered after max-deliveries.
                failures.increment();
                log.warn("Publishing request {} of activity {} failed; it stays pending: {}", send.getKey(), activityId, e.toString());
            }
        }
        if (!done.isEmpty()) {
            StreamMessageId[] ids = done.toArray(StreamMessageId[]::new);
            stream.ack(SaleKeys.RELAY_GROUP, ids);
            stream.remove(ids);
            relayed.increment(done.size());
        }
        return done.size();
    }

    private void recreateGroup(RStream<String, String> stream) {
        try {
            stream.createGroup(StreamCreateGroupArgs.name(SaleKeys.RELAY_GROUP).id(StreamMessageId.ALL).makeStream());
        } catch (RedisException alreadyThere) {
            // another instance recreated it first
        }
    }

    private int claimStuck() {
        int moved = 0;
        for (long activityId : activeActivities()) {
            RStream<String, String> stream = stream(activityId);
            AutoClaimResult<String, String> claimed;
            try {
                claimed = stream.autoClaim(SaleKeys.RELAY_GROUP, consumer,
                        properties.getClaimIdle().toMillis(), TimeUnit.MILLISECONDS, StreamMessageId.MIN, properties.getBatchSize());
            } catch (RedisException e) {
                log.warn("Claiming stuck requests of activity {} failed this round: {}", activityId, e.toString());
                continue;
            }
            Map<StreamMessageId, Map<String, String>> retry = new LinkedHashMap<>();
            for (Map.Entry<StreamMessageId, Map<String, String>> entry : claimed.getMessages().entrySet()) {
                if (deliveries(stream, entry.getKey()) > properties.getMaxDeliveries()) {
                    deadLetter(activityId, entry.getKey(), entry.getValue(), "failed " + properties.getMaxDeliveries() + " deliveries");
                } else {
                    retry.put(entry.getKey(), entry.getValue());
                }
            }
            if (!retry.isEmpty()) {
                log.info("Claimed {} request(s) of activity {} left pending by a stopped relay", retry.size(), activityId);
            }
            moved += publishAndAck(activityId, stream, retry);
        }
        return moved;
    }

    private long deliveries(RStream<String, String> stream, StreamMessageId id) {
        List<PendingEntry> entries = stream.listPending(SaleKeys.RELAY_GROUP, id, id, 1);
        return entries.isEmpty() ? 0 : entries.get(0).getDeliveryCount();
    }

    private void deadLetter(long activityId, StreamMessageId id, Map<String, String> fields, String reason) {
        SaleKeys keys = new SaleKeys(activityId);
        Map<String, String> letter = new LinkedHashMap<>(fields);
        letter.put("deadLetterReason", reason);
        letter.put("originalEntryId", id.toString());
        redisson.<String, String>getStream(keys.deadLetters(), StringCodec.INSTANCE).add(StreamAddArgs.entries(letter));
        RStream<String, String> stream = stream(activityId);
        stream.ack(SaleKeys.RELAY_GROUP, id);
        stream.remove(id);
        deadLettered.increment();
        log.error("Request {} of activity {} moved to the dead letters: {}", id, activityId, reason);
    }

    private OrderRequested toEvent(Map<String, String> fields) {
        return OrderRequested.of(Long.parseLong(fields.get("orderId")), fields.get("userId"),
                Long.parseLong(fields.get("activityId")), Integer.parseInt(fields.get("quantity")),
                new BigDecimal(fields.get("unitPrice")), Instant.ofEpochMilli(Long.parseLong(fields.get("requestedAt"))),
                clock.instant());
    }

    private void refreshGauges() {
        long undelivered = 0;
        long unacknowledged = 0;
        long oldest = Long.MAX_VALUE;
        long dead = 0;
        for (long activityId : activeActivities()) {
            RStream<String, String> stream = stream(activityId);
            undelivered += stream.size();
            try {
                unacknowledged += stream.getPendingInfo(SaleKeys.RELAY_GROUP).getTotal();
            } catch (RedisException noGroupYet) {
                // recreated by the next round
            }
            for (StreamMessageId first : stream.range(1, StreamMessageId.MIN, StreamMessageId.MAX).keySet()) {
                oldest = Math.min(oldest, first.getId0());
            }
            dead += redisson.getStream(new SaleKeys(activityId).deadLetters(), StringCodec.INSTANCE).size();
        }
        backlog.set(undelivered);
        pending.set(unacknowledged);
        lagMillis.set(oldest == Long.MAX_VALUE ? 0 : Math.max(0, clock.millis() - oldest));
        deadLetters.set(dead);
    }

    Set<Long> activeActivities() {
        Set<Long> ids = new java.util.TreeSet<>();
        for (String id : redisson.<String>getSet(SaleKeys.ACTIVE, StringCodec.INSTANCE).readAll()) {
            ids.add(Long.valueOf(id));
        }
        return ids;
    }

    private RStream<String, String> stream(long activityId) {
        return redisson.getStream(new SaleKeys(activityId).requests(), StringCodec.INSTANCE);
    }

    private void loop() {
        while (running) {
            try {
                if (relayOnce() == 0) {
                    Thread.sleep(properties.getPollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Relay round failed; retrying: {}", e.toString());
                try {
                    Thread.sleep(500);
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
        lastClaim = System.nanoTime();
        Thread thread = new Thread(this::loop, "request-relay");
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

    public String consumerName() {
        return consumer;
    }
}
