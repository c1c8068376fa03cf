package io.seckill.demo.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.seckill.demo.observe.StackProbe.Ledger;
import io.seckill.demo.observe.StackProbe.Orders;
import io.seckill.demo.report.Invariants.Evidence;
import io.seckill.demo.report.Invariants.Snapshot;
import io.seckill.demo.report.Invariants.Verdict;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The demo's judge must be able to say FAIL: each invariant against an end state that breaks it. */
class InvariantsTest {

    private static final Set<Long> IDS = Set.of(1L, 2L, 3L);
    private static final Ledger SETTLED = new Ledger(3, 1, 0, 0, 2);
    private static final Orders ORDERS = new Orders(Map.of("PAID", 2, "CANCELLED", 1), 1);
    private static final Snapshot SNAPSHOT = new Snapshot(ORDERS.byStatus(), SETTLED, 1);

    @Test
    void aCleanSaleWithTwoPaidAndOneCancelledPassesAll() {
        Map<String, Verdict> verdicts = Invariants.judge(evidence(IDS, ORDERS, SETTLED, 1, SNAPSHOT));

        assertThat(verdicts.values()).allMatch(Verdict::pass);
        assertThat(verdicts).hasSize(5);
    }

    @Test
    void moreAcceptedThanStockIsAnOversell() {
        Set<Long> four = Set.of(1L, 2L, 3L, 4L);
        Orders orders = new Orders(Map.of("PAID", 4), 1);

        assertThat(Invariants.judge(new Evidence(3, 1, four, four, four, orders, new Ledger(3, 0, 0, 0, 3), 0, 1, SNAPSHOT, SNAPSHOT))
                .get(Invariants.NO_OVERSELL).pass()).isFalse();
    }

    /** Cancelled units go back on sale: accepting more than the stock over time is not an oversell. */
    @Test
    void resellingReturnedUnitsIsNotAnOversell() {
        Set<Long> four = Set.of(1L, 2L, 3L, 4L);
        Orders orders = new Orders(Map.of("PAID", 3, "CANCELLED", 1), 1);

        assertThat(Invariants.judge(new Evidence(3, 1, four, four, four, orders, new Ledger(3, 0, 0, 0, 3), 0, 1, SNAPSHOT, SNAPSHOT))
                .get(Invariants.NO_OVERSELL).pass()).isTrue();
    }

    @Test
    void redisOfferingLessThanTheLedgerIsALeak() {
        assertThat(Invariants.judge(evidence(IDS, ORDERS, SETTLED, 0, new Snapshot(ORDERS.byStatus(), SETTLED, 0)))
                .get(Invariants.NO_LEAK).pass()).isFalse();
    }

    @Test
    void aUserAboveTheLimitFails() {
        Orders greedy = new Orders(Map.of("PAID", 2, "CANCELLED", 1), 2);

        assertThat(Invariants.judge(evidence(IDS, greedy, SETTLED, 1, SNAPSHOT)).get(Invariants.USER_LIMIT).pass()).isFalse();
    }

    @Test
    void anAcceptedPurchaseWithoutAnOrderFails() {
        Evidence missing = new Evidence(3, 1, IDS, IDS, Set.of(1L, 2L), new Orders(Map.of("PAID", 2), 1),
                new Ledger(3, 1, 0, 0, 2), 1, 1, SNAPSHOT, SNAPSHOT);

        assertThat(Invariants.judge(missing).get(Invariants.ONE_ORDER_EACH).pass()).isFalse();
    }

    @Test
    void aReplayThatChangedAnythingFails() {
        Snapshot after = new Snapshot(Map.of("PAID", 2, "CANCELLED", 1, "FAILED", 1), SETTLED, 1);

        assertThat(Invariants.judge(evidence(IDS, ORDERS, SETTLED, 1, after)).get(Invariants.REPLAY_HARMLESS).pass()).isFalse();
    }

    private static Evidence evidence(Set<Long> ids, Orders orders, Ledger ledger, int redisRemaining, Snapshot after) {
        return new Evidence(3, 1, ids, ids, ids, orders, ledger, redisRemaining, 3, SNAPSHOT, after);
    }
}
