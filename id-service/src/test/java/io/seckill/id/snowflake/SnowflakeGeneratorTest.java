package io.seckill.id.snowflake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seckill.common.testsupport.MovableClock;
import io.seckill.id.snowflake.IdsUnavailable.Reason;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.Test;

class SnowflakeGeneratorTest {

    private static final long FAR = Long.MAX_VALUE / 2;

    private final MovableClock clock = new MovableClock();
    private final AtomicLong nanos = new AtomicLong();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SnowflakeGenerator generator = new SnowflakeGenerator(clock, nanos::get, 5, meters);

    private WorkerGrant grant(int workerId, long floor) {
        return new WorkerGrant(workerId, floor, SnowflakeLayout.MAX_TIMESTAMP, FAR);
    }

    private long now() {
        return SnowflakeLayout.timestampOf(clock.millis());
    }

    @Test
    void tenMillionIdsFromManyThreadsAreAllDistinct() throws Exception {
        generator.grant(grant(7, 0));
        int threads = 8;
        int perThread = 1_250_000;
        long[] all = new long[threads * perThread];

        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * perThread;
            boolean batches = t % 2 == 0;
            done.add(pool.submit(() -> {
                int filled = 0;
                while (filled < perThread) {
                    if (batches) {
                        long[] batch = generator.nextIds(Math.min(1000, perThread - filled));
                        System.arraycopy(batch, 0, all, offset + filled, batch.length);
                        filled += batch.length;
                    } else {
                        all[offset + filled++] = generator.nextId();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        Arrays.sort(all);
        for (int i = 1; i < all.length; i++) {
            assertThat(all[i]).as("duplicate id at %d", i).isNotEqualTo(all[i - 1]);
        }
        assertThat(all[0]).isPositive();
        assertThat(meters.counter("ids.issued", "kind", "snowflake").count()).isEqualTo(10_000_000d);
    }

    @Test
    void idsFromOneWorkerStrictlyIncrease() {
        generator.grant(grant(3, 0));
        long previous = generator.nextId();
        for (int i = 0; i < 100_000; i++) {
            long next = generator.nextId();
            assertThat(next).isGreaterThan(previous);
            assertThat(SnowflakeLayout.decode(next).workerId()).isEqualTo(3);
            previous = next;
        }
    }

    @Test
    void aSmallStepBackOfTheClockIsWaitedOut() {
        generator.grant(grant(1, 0));
        long before = generator.nextId();

        clock.shift(Duration.ofMillis(-3));
        long after = generator.nextId();

        assertThat(after).isGreaterThan(before);
        assertThat(meters.counter("ids.clock.backwards", "outcome", "waited").count()).isEqualTo(1);
    }

    @Test
    void aLargeStepBackOfTheClockIsRefusedUntilTimeCatchesUp() {
        generator.grant(grant(1, 0));
        long before = generator.nextId();

        clock.shift(Duration.ofSeconds(-2));
        assertThatThrownBy(generator::nextId)
                .isInstanceOfSatisfying(IdsUnavailable.class, e -> assertThat(e.reason()).isEqualTo(Reason.CLOCK_BEHIND))
                .hasMessageContaining("behind");
        assertThat(meters.counter("ids.clock.backwards", "outcome", "refused").count()).isEqualTo(1);

        clock.shift(Duration.ofSeconds(2));
        assertThat(generator.nextId()).isGreaterThan(before);
    }

    /** Leaf #104/#216: the rollback guard must not forget across restarts. The floor is its memory. */
    @Test
    void aNewHolderStartsAtOrAboveThePersistedFloor() {
        long floor = now() + 1_000;
        generator.grant(grant(9, floor));

        assertThatThrownBy(generator::nextId).isInstanceOfSatisfying(IdsUnavailable.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.CLOCK_BEHIND));

        clock.shift(Duration.ofMillis(1_000));
        long id = generator.nextId();
        assertThat(SnowflakeLayout.decode(id).time().toEpochMilli() - SnowflakeLayout.EPOCH_MILLIS)
                .isGreaterThanOrEqualTo(floor);
    }

    /**
     * The same worker id claimed again after its lease was lost: someone else may have held it in between
     * and issued ids up to the new claim's floor, so this generator's own memory is not enough.
     */
    @Test
    void aWorkerIdClaimedAgainStartsAtOrAboveTheNewFloor() {
        generator.grant(grant(4, 0));
        generator.nextId();
        generator.revoke();

        long floor = now() + 1_000;
        generator.grant(grant(4, floor));
        assertThatThrownBy(generator::nextId).isInstanceOfSatisfying(IdsUnavailable.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.CLOCK_BEHIND));

        clock.shift(Duration.ofMillis(1_000));
        assertThat(SnowflakeLayout.decode(generator.nextId()).time().toEpochMilli() - SnowflakeLayout.EPOCH_MILLIS)
                .isGreaterThanOrEqualTo(floor);
    }

    /** Readiness asks this: it names the refusal the next call would get, and issues nothing. */
    @Test
    void theRefusalTheNextIdWouldGetIsReportedWithoutIssuingOne() {
        assertThat(generator.refusal()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(Reason.NO_LEASE));

        long floor = now() + 1_000;
        generator.grant(grant(5, floor));
        assertThat(generator.refusal()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(Reason.CLOCK_BEHIND));

        clock.shift(Duration.ofMillis(1_000));
        assertThat(generator.refusal()).isEmpty();
        generator.grant(new WorkerGrant(5, floor, now() + 50, FAR));
        clock.shift(Duration.ofMillis(60));
        assertThat(generator.refusal()).hasValueSatisfying(e -> assertThat(e.reason()).isEqualTo(Reason.RESERVATION_EXHAUSTED));
        assertThat(meters.counter("ids.issued", "kind", "snowflake").count()).isZero();
    }

    @Test
    void noGrantOrAnExpiredGrantIssuesNothing() {
        assertThatThrownBy(generator::nextId).isInstanceOfSatisfying(IdsUnavailable.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NO_LEASE));

        generator.grant(new WorkerGrant(2, 0, SnowflakeLayout.MAX_TIMESTAMP, 1_000));
        nanos.set(999);
        generator.nextId();
        nanos.set(1_000);
        assertThatThrownBy(generator::nextId).isInstanceOfSatisfying(IdsUnavailable.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NO_LEASE));
    }

    @Test
    void idsStopAtThePersistedReservation() {
        generator.grant(new WorkerGrant(2, 0, now() + 50, FAR));
        generator.nextId();

        clock.shift(Duration.ofMillis(60));
        assertThatThrownBy(generator::nextId).isInstanceOfSatisfying(IdsUnavailable.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.RESERVATION_EXHAUSTED));
    }

    @Test
    void aRefusalIsA503ProblemWithRetryAfter() {
        IdsUnavailable refused = new IdsUnavailable(Reason.NO_LEASE, "no lease");

        assertThat(refused.getStatusCode().value()).isEqualTo(503);
        assertThat(refused.getBody().getProperties()).containsEntry("code", "UNAVAILABLE");
        assertThat(refused.getHeaders().getFirst("Retry-After")).isEqualTo("1");
    }
}
