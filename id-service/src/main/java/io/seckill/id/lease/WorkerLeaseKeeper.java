package io.seckill.id.lease;

import io.seckill.id.snowflake.SnowflakeGenerator;
import io.seckill.id.snowflake.SnowflakeLayout;
import io.seckill.id.snowflake.WorkerGrant;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Claims a worker id for this instance, keeps it, and tells the generator what it may issue.
 *
 * <p>Every renewal persists a time reservation ({@code now + reservation}) in the same conditional
 * write that extends the lease; the generator never issues a later timestamp. So the persisted value
 * bounds every id ever issued under the worker id, and the highest such value over all worker ids
 * bounds every id issued so far. Whoever claims a worker id next — this instance after a restart,
 * another after a takeover, a new one on a never-used id — starts above that highest value, whatever
 * its clock says: ids issued after a claim are greater than every id issued before it, on any host.
 * A clock behind it gets no ids (and no readiness) until it catches up.
 */
public class WorkerLeaseKeeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkerLeaseKeeper.class);
    private static final int CANDIDATES = 64;

    private final WorkerLeaseMapper leases;
    private final SnowflakeGenerator generator;
    private final LeaseProperties properties;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final String owner;
    private final OptionalInt requestedWorkerId;
    private final Counter renewed;
    private final Counter renewFailures;
    private final Counter claims;

    private volatile ScheduledExecutorService heartbeat;

    public WorkerLeaseKeeper(WorkerLeaseMapper leases, SnowflakeGenerator generator, LeaseProperties properties,
            Clock clock, LongSupplier nanoTime, String owner, OptionalInt requestedWorkerId, MeterRegistry meters) {
        this.leases = leases;
        this.generator = generator;
        this.properties = properties;
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.owner = owner;
        this.requestedWorkerId = requestedWorkerId;
        this.renewed = Counter.builder("ids.lease.renewals").tag("outcome", "success").register(meters);
        this.renewFailures = Counter.builder("ids.lease.renewals").tag("outcome", "failure").register(meters);
        this.claims = Counter.builder("ids.lease.claims").register(meters);
        Gauge.builder("ids.lease.worker", this, keeper -> keeper.workerId().orElse(-1))
                .description("Worker id held, -1 when none").register(meters);
    }

    /** One heartbeat: claim a worker id if none is held, else renew the lease and extend the reservation. */
    public synchronized void heartbeat() {
        try {
            WorkerGrant held = generator.currentGrant();
            if (held == null) {
                claim();
            } else {
                renew(held);
            }
        } catch (RuntimeException e) {
            // Database unreachable: keep the grant; the generator stops by itself when it runs out.
            renewFailures.increment();
            log.warn("Worker-id lease heartbeat failed: {}", e.getMessage());
        }
    }

    private void claim() {
        for (int candidate : candidates()) {
            long sentAt = nanoTime.getAsLong();
            if (leases.claim(candidate, owner, ttlMicros()) == 1) {
                // Above every worker's reservation, not just this one's: a never-used worker id holds 0, and a
                // clock set back an hour then issued ids an hour below those other workers had issued.
                long floor = leases.highestReservation();
                long reserved = leases.persistedTimestamp(candidate, owner);
                WorkerGrant claimed = new WorkerGrant(candidate, floor, reserved, validUntil(sentAt));
                claims.increment();
                log.info("Claimed worker id {} as {} (ids start at or above {})", candidate, owner,
                        java.time.Instant.ofEpochMilli(SnowflakeLayout.EPOCH_MILLIS + floor));
                long behind = floor - SnowflakeLayout.timestampOf(clock.millis());
                if (behind > properties.reservation().toMillis()) {
                    // More than a live worker's reservation ahead: this clock is behind (or another's was ahead).
                    log.warn("The clock is {} ms behind the highest time reserved by any worker; worker id {} issues"
                            + " no ids (and is not ready) until it catches up", behind, candidate);
                }
                // Persist a reservation before issuing anything under it.
                renew(claimed);
                return;
            }
        }
        log.warn("No worker id could be claimed as {} (requested {}); retrying", owner,
                requestedWorkerId.isPresent() ? requestedWorkerId.getAsInt() : "any");
    }

    private List<Integer> candidates() {
        if (requestedWorkerId.isPresent()) {
            return List.of(requestedWorkerId.getAsInt());
        }
        // Shuffled so instances starting together mostly try different rows.
        List<Integer> free = new ArrayList<>(leases.findClaimable(CANDIDATES));
        Collections.shuffle(free);
        return free;
    }

    private void renew(WorkerGrant held) {
        long sentAt = nanoTime.getAsLong();
        long reservedUntil = SnowflakeLayout.timestampOf(clock.millis()) + properties.reservation().toMillis();
        if (leases.renew(held.workerId(), owner, ttlMicros(), reservedUntil) == 1) {
            generator.grant(held.extended(reservedUntil, validUntil(sentAt)));
            renewed.increment();
        } else {
            // The database says it is not ours any more (expired, taken over): stop issuing at once.
            generator.revoke();
            renewFailures.increment();
            log.error("Lost the lease of worker id {} ({}); no ids until a new lease is claimed", held.workerId(), owner);
        }
    }

    private long validUntil(long sentAt) {
        return sentAt + properties.ttl().minus(properties.safetyMargin()).toNanos();
    }

    private long ttlMicros() {
        return TimeUnit.MILLISECONDS.toMicros(properties.ttl().toMillis());
    }

    public OptionalInt workerId() {
        WorkerGrant held = generator.currentGrant();
        return held == null ? OptionalInt.empty() : OptionalInt.of(held.workerId());
    }

    public String owner() {
        return owner;
    }

    @Override
    public void start() {
        heartbeat();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "worker-lease-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.renewInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::heartbeat, interval, interval, TimeUnit.MILLISECONDS);
        heartbeat = scheduler;
    }

    /** Clean shutdown: stop issuing, then free the worker id for the next instance at once. */
    @Override
    public synchronized void stop() {
        ScheduledExecutorService scheduler = heartbeat;
        heartbeat = null;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        WorkerGrant held = generator.currentGrant();
        generator.revoke();
        if (held != null) {
            try {
                leases.release(held.workerId(), owner);
                log.info("Released worker id {} ({})", held.workerId(), owner);
            } catch (RuntimeException e) {
                log.warn("Could not release worker id {}; it frees itself when the lease expires: {}",
                        held.workerId(), e.getMessage());
            }
        }
    }

    @Override
    public boolean isRunning() {
        return heartbeat != null;
    }
}
