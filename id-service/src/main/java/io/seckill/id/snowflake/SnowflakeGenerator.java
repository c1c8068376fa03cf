package io.seckill.id.snowflake;

import io.seckill.id.snowflake.IdsUnavailable.Reason;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues Snowflake ids ({@link SnowflakeLayout}) under the worker grant the lease keeper maintains.
 * Ids from one generator strictly increase. It refuses ({@link IdsUnavailable}) rather than risk a
 * duplicate: without a valid grant, with a clock behind the last issued timestamp by more than
 * {@code maxBackwardWaitMillis} (a smaller step back is waited out), or past the persisted reservation.
 */
public class SnowflakeGenerator {

    private static final Logger log = LoggerFactory.getLogger(SnowflakeGenerator.class);

    private final Clock clock;
    private final LongSupplier nanoTime;
    private final long maxBackwardWaitMillis;
    private final Counter issued;
    private final Counter clockWaits;
    private final Counter clockRefusals;

    private volatile WorkerGrant grant;

    // Guarded by this.
    private int currentWorker = -1;
    private long appliedFloor;
    private long lastTimestamp;
    private int sequence;

    public SnowflakeGenerator(Clock clock, LongSupplier nanoTime, long maxBackwardWaitMillis, MeterRegistry meters) {
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.maxBackwardWaitMillis = maxBackwardWaitMillis;
        this.issued = Counter.builder("ids.issued").tag("kind", "snowflake")
                .description("Ids handed out").register(meters);
        this.clockWaits = Counter.builder("ids.clock.backwards").tag("outcome", "waited")
                .description("Calls that found the clock behind the last issued time").register(meters);
        this.clockRefusals = Counter.builder("ids.clock.backwards").tag("outcome", "refused")
                .description("Calls that found the clock behind the last issued time").register(meters);
    }

    /** Called by the lease keeper whenever the lease is claimed or renewed. */
    public void grant(WorkerGrant newGrant) {
        this.grant = newGrant;
    }

    public void revoke() {
        this.grant = null;
    }

    public WorkerGrant currentGrant() {
        return grant;
    }

    public synchronized long nextId() {
        long id = nextLocked(grantedWorker());
        issued.increment();
        return id;
    }

    /** {@code count} ids in one critical section: a batch costs one lock, not {@code count}. */
    public synchronized long[] nextIds(int count) {
        WorkerGrant granted = grantedWorker();
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = nextLocked(granted);
        }
        issued.increment(count);
        return ids;
    }

    private WorkerGrant grantedWorker() {
        WorkerGrant granted = validGrant();
        adopt(granted);
        return granted;
    }

    /**
     * A new claim (another worker id, or this one again after the lease was lost and someone else may have
     * held it): start just below its floor with the sequence spent, so the first id has a timestamp >= floor,
     * above every id issued before the claim. Renewals of the same claim keep the floor and change nothing.
     */
    private void adopt(WorkerGrant granted) {
        if (granted.workerId() == currentWorker && granted.floor() == appliedFloor) {
            return;
        }
        if (granted.workerId() != currentWorker || lastTimestamp < granted.floor()) {
            lastTimestamp = granted.floor() - 1;
            sequence = SnowflakeLayout.MAX_SEQUENCE;
        }
        currentWorker = granted.workerId();
        appliedFloor = granted.floor();
    }

    /**
     * Why the next id would be refused right now, if it would; empty when it would be issued. Readiness
     * asks this, so an instance that refuses every id (no lease, a clock behind the floor, the
     * reservation used up) takes no traffic. Issues nothing and counts nothing.
     */
    public synchronized Optional<IdsUnavailable> refusal() {
        WorkerGrant granted;
        try {
            granted = validGrant();
        } catch (IdsUnavailable refused) {
            return Optional.of(refused);
        }
        adopt(granted);
        long now = currentTimestamp();
        long behind = lastTimestamp - now;
        if (behind > maxBackwardWaitMillis) {
            return Optional.of(new IdsUnavailable(Reason.CLOCK_BEHIND, "The clock is " + behind
                    + " ms behind the last issued id time (or the time reserved before this lease); ids resume when it catches up."));
        }
        long next = now > lastTimestamp ? now : sequence < SnowflakeLayout.MAX_SEQUENCE ? lastTimestamp : lastTimestamp + 1;
        if (next >= granted.reservedUntil()) {
            return Optional.of(new IdsUnavailable(Reason.RESERVATION_EXHAUSTED,
                    "The persisted time reservation is used up (lease store unreachable?); ids resume after renewal."));
        }
        return Optional.empty();
    }

    private WorkerGrant validGrant() {
        WorkerGrant granted = grant;
        if (granted == null) {
            throw new IdsUnavailable(Reason.NO_LEASE, "This instance holds no worker-id lease; it issues no ids until it does.");
        }
        if (nanoTime.getAsLong() - granted.validUntilNanos() >= 0) {
            throw new IdsUnavailable(Reason.NO_LEASE,
                    "The worker-id lease of worker " + granted.workerId() + " could not be renewed in time.");
        }
        return granted;
    }

    private long nextLocked(WorkerGrant granted) {
        long now = currentTimestamp();
        if (now < lastTimestamp) {
            long behind = lastTimestamp - now;
            if (behind > maxBackwardWaitMillis) {
                clockRefusals.increment();
                log.warn("Clock is {} ms behind the last issued timestamp of worker {} (guard waits up to {} ms);"
                        + " refusing ids until it catches up", behind, currentWorker, maxBackwardWaitMillis);
                throw new IdsUnavailable(Reason.CLOCK_BEHIND, "The clock is " + behind
                        + " ms behind the last issued id time; ids resume when it catches up.");
            }
            clockWaits.increment();
            now = waitUntil(lastTimestamp);
        }
        if (now == lastTimestamp) {
            if (sequence == SnowflakeLayout.MAX_SEQUENCE) {
                now = waitUntil(lastTimestamp + 1);
                sequence = 0;
            } else {
                sequence++;
            }
        } else {
            sequence = 0;
        }
        if (now >= granted.reservedUntil()) {
            throw new IdsUnavailable(Reason.RESERVATION_EXHAUSTED,
                    "The persisted time reservation is used up (lease store unreachable?); ids resume after renewal.");
        }
        lastTimestamp = now;
        return SnowflakeLayout.compose(now, currentWorker, sequence);
    }

    /** Waits (bounded by the guard) until the clock reaches {@code target}; returns the time then. */
    private long waitUntil(long target) {
        while (true) {
            long now = currentTimestamp();
            if (now >= target) {
                return now;
            }
            long remaining = target - now;
            if (remaining > maxBackwardWaitMillis + 1) {
                clockRefusals.increment();
                throw new IdsUnavailable(Reason.CLOCK_BEHIND, "The clock moved back while waiting; retry shortly.");
            }
            if (remaining <= 1) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(remaining));
            }
        }
    }

    private long currentTimestamp() {
        return SnowflakeLayout.timestampOf(clock.millis());
    }
}
