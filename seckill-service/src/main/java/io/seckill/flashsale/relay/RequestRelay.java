package io.seckill.flashsale.relay;

import io.seckill.common.event.Topics;
import io.seckill.flashsale.sale.ActiveSales;
import io.seckill.flashsale.sale.ReplicaConfirmation;
import io.seckill.flashsale.sale.RequestEntry;
import io.seckill.flashsale.sale.RequestTracing;
import io.seckill.flashsale.sale.SaleKeys;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RStream;
import org.redisson.api.RStreamAsync;
import org.redisson.api.RedissonClient;
import org.redisson.api.stream.AutoClaimResult;
import org.redisson.api.stream.PendingEntry;
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
 * Moves accepted purchases from each sale's Redis stream to Kafka ({@link Topics#ORDER_REQUESTED},
 * key = user id), on every instance, as one consumer of the group {@value SaleKeys#RELAY_GROUP}.
 * An entry is acknowledged (and deleted) only after the broker confirmed it (idempotent producer,
 * acks=all). Entries left pending by a dead consumer are claimed after {@code claim-idle}; an entry that
 * fails {@code max-deliveries} times, or cannot be read, goes to the sale's dead letters. A crash between
 * publish and acknowledge publishes the same order id again, which downstream ignores.
 * <p>
 * Where purchases wait for Redis replicas ({@link ReplicaConfirmation}), so does the relay: an entry is published
 * only once a replica holds it. Otherwise a purchase answered PURCHASE_UNCONFIRMED could reach Kafka from a master
 * that then died, and its order would hold a unit the promoted replica still counts as on sale.
 */
@Component
public class RequestRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RequestRelay.class);
    /** The set of active sales is read this often, not on every round of a relay that polls every 20 ms. */
    private static final long ACTIVE_SALES_REREAD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final RedissonClient redisson;
    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final RelayProperties properties;
    private final Clock clock;
    private final RequestTracing tracing;
    private final ActiveSales active;
    private final DeadLetters deadLetters;
    private final ReplicaConfirmation replicas;
    /** Per sale, entries this relay holds that no replica confirmed yet: published once a later round confirms them. */
    private final Map<Long, Map<StreamMessageId, Map<String, String>>> unconfirmed = new HashMap<>();
    /** Sales whose held entries a replica has not confirmed yet (warned once). */
    private final Set<Long> heldBack = new HashSet<>();
    /** Per sale found empty: when to read it again. */
    private final Map<Long, Quiet> quiet = new HashMap<>();
    private final String consumer;
    private final Counter relayed;
    private final Counter failures;

    private volatile Thread worker;
    private volatile boolean running;
    private long lastClaim;
    private long activeReadAt;
    private Set<Long> activeSales = Set.of();

    RequestRelay(RedissonClient redisson, KafkaTemplate<String, String> kafka, JsonMapper json, RelayProperties properties,
            Clock clock, MeterRegistry meters, RequestTracing tracing, ActiveSales active, DeadLetters deadLetters,
            ReplicaConfirmation replicas) {
        this.redisson = redisson;
        this.kafka = kafka;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
        this.tracing = tracing;
        this.active = active;
        this.deadLetters = deadLetters;
        this.replicas = replicas;
        this.consumer = "relay-" + ManagementFactory.getRuntimeMXBean().getPid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        this.relayed = Counter.builder("seckill.relay.relayed").description("Requests published to Kafka").register(meters);
        this.failures = Counter.builder("seckill.relay.failures").description("Publish attempts that failed").register(meters);
    }

    /** One round over every active stream; returns how many entries it relayed. */
    public int relayOnce() {
        int moved = 0;
        long now = System.nanoTime();
        if (now - activeReadAt >= ACTIVE_SALES_REREAD_NANOS || activeReadAt == 0) {
            activeSales = active.ids();
            activeReadAt = now;
        }
        for (long activityId : activeSales) {
            Quiet paused = quiet.get(activityId);
            if (paused != null && now - paused.until() < 0) {
                continue; // empty at its last reads: read again once its pause is over
            }
            RStream<String, String> stream = stream(activityId);
            try {
                if (unconfirmed.containsKey(activityId)) {
                    moved += publishWhenConfirmed(activityId, stream);
                    continue; // nothing new is read from a stream whose replica is behind
                }
                Map<StreamMessageId, Map<String, String>> entries = stream.readGroup(SaleKeys.RELAY_GROUP, consumer,
                        StreamReadGroupArgs.neverDelivered().count(properties.getBatchSize()));
                if (entries.isEmpty()) {
                    pause(activityId, now);
                    continue;
                }
                quiet.remove(activityId);
                moved += publishWhenConfirmed(activityId, stream, entries);
            } catch (RedisException e) {
                // One broken stream must not stall the others; a lost group (stream deleted) is recreated.
                if (String.valueOf(e.getMessage()).contains("NOGROUP")) {
                    recreateGroup(stream);
                } else {
                    log.warn("Relaying activity {} failed this round: {}", activityId, e.toString());
                }
            }
        }
        if (now - lastClaim >= properties.getClaimInterval().toNanos()) {
            lastClaim = now;
            moved += claimStuck();
        }
        return moved;
    }

    /**
     * A stream found empty is read again after a pause that doubles from {@code poll-interval} up to
     * {@code idle-poll-interval-max}: with dozens of warmed sales every instance read every stream every 20 ms,
     * ~4,000 reads a second doing nothing (40 % of a core of seckill-service at rest).
     */
    private void pause(long activityId, long now) {
        Quiet last = quiet.get(activityId);
        long pause = Math.min(Math.max(last == null ? 0 : 2 * last.pause(), properties.getPollInterval().toNanos()),
                properties.getIdlePollIntervalMax().toNanos());
        quiet.put(activityId, new Quiet(now + pause, pause));
    }

    /** Nanos: until when a sale's stream is left alone, after a pause of this length. */
    private record Quiet(long until, long pause) {
    }

    /** Publishes entries read or claimed once the replicas asked for hold them (at once when none are asked for). */
    private int publishWhenConfirmed(long activityId, RStream<String, String> stream,
            Map<StreamMessageId, Map<String, String>> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        if (!replicas.required()) {
            return publishAndAck(activityId, stream, entries);
        }
        unconfirmed.computeIfAbsent(activityId, id -> new LinkedHashMap<>()).putAll(entries);
        return publishWhenConfirmed(activityId, stream);
    }

    /**
     * Publishes the entries read for a sale once a replica holds them: claims them again for this consumer (XCLAIM
     * JUSTID, which neither counts a delivery nor returns the entry, but is a write the WAIT after it covers: what a
     * replica acknowledges after it, it holds, the entries' XADDs included), then publishes those it still owns.
     * Entries no replica confirmed in time stay held, and nothing new is read from their stream, until one does.
     */
    private int publishWhenConfirmed(long activityId, RStream<String, String> stream) {
        Map<StreamMessageId, Map<String, String>> held = unconfirmed.get(activityId);
        Confirmed<List<StreamMessageId>> claim = confirmedBatch(batch -> stream(batch, stream.getName())
                .fastClaimAsync(SaleKeys.RELAY_GROUP, consumer, 0, TimeUnit.MILLISECONDS, held.keySet().toArray(StreamMessageId[]::new)));
        if (!claim.confirmed()) {
            if (heldBack.add(activityId)) {
                log.warn("No Redis replica confirmed {} request(s) of activity {} within {}; they are held until one does",
                        held.size(), activityId, replicas.timeout());
            }
            return 0;
        }
        unconfirmed.remove(activityId);
        if (heldBack.remove(activityId)) {
            log.info("A Redis replica now holds the {} request(s) of activity {} held back; publishing them", held.size(), activityId);
        }
        Map<StreamMessageId, Map<String, String>> owned = new LinkedHashMap<>();
        claim.value().forEach(id -> owned.put(id, held.get(id)));
        return publishAndAck(activityId, stream, owned);
    }

    private <T> Confirmed<T> confirmedBatch(java.util.function.Function<RBatch, RFuture<T>> command) {
        RBatch batch = redisson.createBatch(replicas.applyTo(BatchOptions.defaults()));
        RFuture<T> answer = command.apply(batch);
        BatchResult<?> done = batch.execute();
        return new Confirmed<>(answer.toCompletableFuture().join(), replicas.confirmedBy(done));
    }

    private static RStreamAsync<String, String> stream(RBatch batch, String name) {
        return batch.getStream(name, StringCodec.INSTANCE);
    }

    /** A Redis answer and whether the replicas asked for hold what the command wrote. */
    private record Confirmed<T>(T value, boolean confirmed) {
    }

    private int publishAndAck(long activityId, RStream<String, String> stream, Map<StreamMessageId, Map<String, String>> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        Map<StreamMessageId, CompletableFuture<?>> sends = new LinkedHashMap<>();
        for (Map.Entry<StreamMessageId, Map<String, String>> entry : entries.entrySet()) {
            RequestEntry request;
            String payload;
            try {
                request = RequestEntry.parse(entry.getValue());
                payload = json.writeValueAsString(request.toEvent(clock.instant()));
            } catch (RuntimeException malformed) {
                deadLetters.add(activityId, entry.getKey(), entry.getValue(), "malformed: " + malformed.getMessage());
                continue;
            }
            try {
                sends.put(entry.getKey(), tracing.continuing(request,
                        () -> kafka.send(Topics.ORDER_REQUESTED, request.userId(), payload)));
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
        for (long activityId : activeSales) {
            RStream<String, String> stream = stream(activityId);
            AutoClaimResult<String, String> claimed;
            try {
                claimed = stream.autoClaim(SaleKeys.RELAY_GROUP, consumer, properties.getClaimIdle().toMillis(),
                        TimeUnit.MILLISECONDS, StreamMessageId.MIN, properties.getBatchSize());
            } catch (RedisException e) {
                log.warn("Claiming stuck requests of activity {} failed this round: {}", activityId, e.toString());
                continue;
            }
            Map<StreamMessageId, Map<String, String>> retry = new LinkedHashMap<>();
            for (Map.Entry<StreamMessageId, Map<String, String>> entry : claimed.getMessages().entrySet()) {
                if (deliveries(stream, entry.getKey()) > properties.getMaxDeliveries()) {
                    deadLetters.add(activityId, entry.getKey(), entry.getValue(), "failed " + properties.getMaxDeliveries() + " deliveries");
                } else {
                    retry.put(entry.getKey(), entry.getValue());
                }
            }
            if (!retry.isEmpty()) {
                log.info("Claimed {} request(s) of activity {} left pending by a stopped relay", retry.size(), activityId);
            }
            moved += publishWhenConfirmed(activityId, stream, retry);
        }
        return moved;
    }

    private long deliveries(RStream<String, String> stream, StreamMessageId id) {
        List<PendingEntry> entries = stream.listPending(SaleKeys.RELAY_GROUP, id, id, 1);
        return entries.isEmpty() ? 0 : entries.get(0).getDeliveryCount();
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
        activeReadAt = 0;
        Thread thread = new Thread(this::loop, "request-relay");
        thread.setDaemon(true);
        worker = thread;
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        activeReadAt = 0; // a round run by hand next reads the active sales afresh, every stream of them
        quiet.clear();
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
