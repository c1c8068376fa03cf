package io.seckill.id.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.seckill.common.testsupport.RequiresStack;
import io.seckill.common.testsupport.StackServer;
import io.seckill.common.testsupport.MovableClock;
import io.seckill.id.snowflake.IdsUnavailable;
import io.seckill.id.snowflake.IdsUnavailable.Reason;
import io.seckill.id.snowflake.SnowflakeGenerator;
import io.seckill.id.snowflake.SnowflakeLayout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Worker-id leases against the real MySQL schema and its clock. Each test drives its own keepers
 * (as separate instances would) over worker ids 1000..1023, away from the ones running services hold.
 */
@RequiresStack(StackServer.MYSQL)
@SpringBootTest
class WorkerLeaseIT {

    private static final Duration TTL = Duration.ofSeconds(3);
    private static final LeaseProperties SHORT = new LeaseProperties(TTL, Duration.ofMillis(500),
            Duration.ofMillis(500), Duration.ofSeconds(1), null, false);

    @Autowired
    WorkerLeaseMapper leases;

    @Autowired
    JdbcTemplate jdbc;

    private final List<WorkerLeaseKeeper> started = new ArrayList<>();

    @AfterEach
    void freeTestWorkers() {
        started.forEach(WorkerLeaseKeeper::stop);
        jdbc.update("UPDATE worker_lease SET owner = NULL, expires_at = NULL WHERE worker_id >= 1000");
    }

    private Instance instance(String owner, OptionalInt requested, MovableClock clock) {
        SnowflakeGenerator generator = new SnowflakeGenerator(clock, System::nanoTime, 5, new SimpleMeterRegistry());
        WorkerLeaseKeeper keeper = new WorkerLeaseKeeper(leases, generator, SHORT, clock, System::nanoTime,
                owner, requested, new SimpleMeterRegistry());
        started.add(keeper);
        return new Instance(keeper, generator);
    }

    record Instance(WorkerLeaseKeeper keeper, SnowflakeGenerator generator) {
    }

    /**
     * Ids from an instance that has just claimed: it starts above the highest time any worker reserved
     * (this context's own keeper reserves 3 s ahead), so the first ones wait for the clock to pass that.
     */
    private static long[] issued(Instance instance, int count) {
        return await().atMost(Duration.ofSeconds(10)).ignoreException(IdsUnavailable.class).until(() -> {
            instance.keeper().heartbeat(); // these keepers are not scheduled: renew as the running one would
            return instance.generator().nextIds(count);
        }, ids -> true);
    }

    /** baidu uid-generator #46, Leaf #84: instances starting together must not share a worker id. */
    @Test
    void instancesClaimingAtTheSameMomentGetDistinctWorkerIds() throws Exception {
        int instances = 12;
        List<Instance> all = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            // Requested ids would not race; "any free id" does, over the same few candidate rows.
            all.add(instance("racer-" + i, OptionalInt.empty(), new MovableClock()));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        List<Future<?>> done = new ArrayList<>();
        for (Instance instance : all) {
            done.add(pool.submit(() -> {
                go.await();
                for (int attempt = 0; attempt < 20 && instance.keeper().workerId().isEmpty(); attempt++) {
                    instance.keeper().heartbeat();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        Set<Integer> workerIds = new HashSet<>();
        for (Instance instance : all) {
            assertThat(instance.keeper().workerId()).as(instance.keeper().owner()).isPresent();
            workerIds.add(instance.keeper().workerId().getAsInt());
        }
        assertThat(workerIds).hasSize(instances);
    }

    /** Leaf #26/#98: a dead instance's worker id is recycled, but never while its lease could still be live. */
    @Test
    void aKilledInstancesWorkerIdIsTakenOverOnlyAfterItsLeaseExpires() throws Exception {
        Instance killed = instance("killed", OptionalInt.of(1001), new MovableClock());
        killed.keeper().heartbeat();
        long claimedAt = System.nanoTime();
        long lastIdOfKilled = issued(killed, 500)[499];
        // Killed: no more heartbeats, no release.

        Instance successor = instance("successor", OptionalInt.of(1001), new MovableClock());
        successor.keeper().heartbeat();
        assertThat(successor.keeper().workerId()).as("still leased to the killed instance").isEmpty();

        while (successor.keeper().workerId().isEmpty()) {
            assertThat(Duration.ofNanos(System.nanoTime() - claimedAt)).isLessThan(TTL.plusSeconds(10));
            Thread.sleep(100);
            successor.keeper().heartbeat();
        }
        Duration waited = Duration.ofNanos(System.nanoTime() - claimedAt);

        assertThat(waited).isGreaterThanOrEqualTo(TTL.minusMillis(200));
        assertThat(issued(successor, 1)[0]).isGreaterThan(lastIdOfKilled);
    }

    /** Leaf #104/#216: a restart with the clock set back must not reuse ids issued before it. */
    @Test
    void aRestartWithTheClockBehindThePersistedTimeIssuesNoIdBelowIt() {
        Instance before = instance("before-restart", OptionalInt.of(1002), new MovableClock());
        before.keeper().heartbeat();
        long lastBefore = issued(before, 1000)[999];
        before.keeper().stop();

        MovableClock setBack = new MovableClock();
        setBack.shift(Duration.ofMinutes(-10));
        Instance after = instance("after-restart", OptionalInt.of(1002), setBack);
        after.keeper().heartbeat();

        assertThat(after.keeper().workerId()).hasValue(1002);
        assertThatThrownBy(after.generator()::nextId).isInstanceOfSatisfying(IdsUnavailable.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.CLOCK_BEHIND));

        // Back to true time: still refused until time passes the reservation persisted before the restart.
        setBack.shift(Duration.ofMinutes(10));
        long firstAfter = await().atMost(Duration.ofSeconds(10)).ignoreException(IdsUnavailable.class)
                .until(() -> {
                    after.keeper().heartbeat();
                    return after.generator().nextId();
                }, id -> id > 0);
        assertThat(firstAfter).isGreaterThan(lastBefore);
        assertThat(SnowflakeLayout.decode(firstAfter).workerId()).isEqualTo(1002);
    }

    @Test
    void aLeaseThatCannotBeRenewedStopsIdsUntilANewOneIsHeld() {
        Instance instance = instance("robbed", OptionalInt.empty(), new MovableClock());
        instance.keeper().heartbeat();
        int workerId = instance.keeper().workerId().getAsInt();
        issued(instance, 1);

        jdbc.update("UPDATE worker_lease SET owner = 'intruder' WHERE worker_id = ?", workerId);
        instance.keeper().heartbeat();

        assertThatThrownBy(instance.generator()::nextId).isInstanceOfSatisfying(IdsUnavailable.class,
                e -> assertThat(e.reason()).isEqualTo(Reason.NO_LEASE));
        jdbc.update("UPDATE worker_lease SET owner = NULL, expires_at = NULL WHERE worker_id = ? AND owner = 'intruder'", workerId);

        instance.keeper().heartbeat();
        assertThat(instance.keeper().workerId()).isPresent();
        assertThat(issued(instance, 1)[0]).isPositive();
    }

    @Test
    void aStatefulSetOrdinalRequestsItsWorkerIdThroughTheLease() {
        assertThat(LeaseConfiguration.requestedWorkerId(SHORT, "id-service-2")).as("ordinal mode off").isEmpty();
        LeaseProperties byOrdinal = new LeaseProperties(TTL, Duration.ofMillis(500), Duration.ofMillis(500),
                Duration.ofSeconds(1), null, true);
        assertThat(LeaseConfiguration.requestedWorkerId(byOrdinal, "id-service-1003")).hasValue(1003);

        Instance pod = instance("id-service-1003", LeaseConfiguration.requestedWorkerId(byOrdinal, "id-service-1003"),
                new MovableClock());
        pod.keeper().heartbeat();
        assertThat(pod.keeper().workerId()).hasValue(1003);

        Instance impostor = instance("impostor", OptionalInt.of(1003), new MovableClock());
        impostor.keeper().heartbeat();
        assertThat(impostor.keeper().workerId()).as("the ordinal is leased, not assumed").isEmpty();
    }
}
