package io.seckill.inventory.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.seckill.inventory.InventoryStack;
import io.seckill.inventory.ledger.StockLedger;
import io.seckill.inventory.ledger.StockLedgerMapper;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.seata.core.context.RootContext;
import org.apache.seata.core.model.BranchStatus;
import org.apache.seata.core.model.BranchType;
import org.apache.seata.rm.DefaultResourceManager;
import org.apache.seata.spring.annotation.GlobalTransactional;
import org.apache.seata.tm.api.GlobalTransaction;
import org.apache.seata.tm.api.GlobalTransactionContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * inventory's TCC participant against real MySQL and a real Seata TC, fence on. Phase two is re-sent
 * through the resource manager exactly as the TC's retries arrive, so the fence under test is Seata's
 * own, not a stub.
 */
public class HoldingStockFenceIT extends InventoryStack {

    @Autowired
    Placements placements;

    @Autowired
    HoldingStock holding;

    @Autowired
    StockLedgerMapper ledgers;

    @Autowired
    JdbcTemplate jdbc;

    /** Runs Try inside a global transaction, as order-service does (here in-process). */
    public static class Placements {

        @GlobalTransactional(name = "fence-it-group", timeoutMills = 30_000)
        public String placeGroup(long activityId, List<HoldingStock.Hold> group) {
            holding.tryHold(activityId, group.stream().mapToInt(HoldingStock.Hold::quantity).sum(), group);
            return RootContext.getXID();
        }

        private final HoldingStock holding;

        public Placements(HoldingStock holding) {
            this.holding = holding;
        }

        @GlobalTransactional(name = "fence-it-commit", timeoutMills = 30_000)
        public String place(long orderId, long activityId) {
            holding.tryHold(activityId, 1, List.of(new HoldingStock.Hold(orderId, 1)));
            return RootContext.getXID();
        }

        @GlobalTransactional(name = "fence-it-rollback", timeoutMills = 30_000)
        public void placeAndFail(long orderId, long activityId, String[] xid) {
            holding.tryHold(activityId, 1, List.of(new HoldingStock.Hold(orderId, 1)));
            xid[0] = RootContext.getXID();
            throw new IllegalStateException("order could not be recorded");
        }
    }

    private static long newId() {
        return ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    }

    private long openLedger(int total) {
        long activityId = newId();
        ledgers.insert(StockLedger.opened(activityId, total));
        return activityId;
    }

    private StockLedger ledger(long activityId) {
        return ledgers.selectById(activityId);
    }

    private long branchOf(String xid) {
        return jdbc.queryForObject("SELECT branch_id FROM tcc_fence_log WHERE xid = ?", Long.class, xid);
    }

    private int fenceStatus(String xid, long branchId) {
        return jdbc.queryForObject("SELECT status FROM tcc_fence_log WHERE xid = ? AND branch_id = ?", Integer.class, xid, branchId);
    }

    /** What the TC sends back in phase two: the action context the Try registered, fence flag included. */
    private static String applicationData(long orderId, long activityId) {
        return "{\"actionContext\":{\"activityId\":" + activityId
                + ",\"units\":1,\"useTCCFence\":true,\"actionName\":\"" + HoldingStock.ACTION + "\"}}";
    }

    @Test
    void aCommittedPlacementReservesTheUnitAndAFailedOneGivesItBack() {
        long activityId = openLedger(10);

        placements.place(newId(), activityId);
        await().atMost(Duration.ofSeconds(15)).until(() -> ledger(activityId).getReserved() == 1);
        assertThat(ledger(activityId).getAvailable()).isEqualTo(9);
        assertThat(ledger(activityId).getFrozen()).isZero();

        assertThatThrownBy(() -> placements.placeAndFail(newId(), activityId, new String[1]))
                .hasMessageContaining("could not be recorded");
        await().atMost(Duration.ofSeconds(15)).until(() -> ledger(activityId).getFrozen() == 0);
        assertThat(ledger(activityId).getAvailable()).isEqualTo(9);
    }

    /**
     * Retry after rollback: a placement rolled back once (its hold CANCELLED) is delivered again under a
     * new global transaction; it must freeze the unit again instead of being refused as "already holds
     * stock", or the accepted purchase would never become an order.
     */
    @Test
    void aPlacementRolledBackOnceCanBePlacedAgain() {
        long activityId = openLedger(10);
        long orderId = newId();

        assertThatThrownBy(() -> placements.placeAndFail(orderId, activityId, new String[1]))
                .hasMessageContaining("could not be recorded");
        await().atMost(Duration.ofSeconds(15)).until(() -> ledger(activityId).getFrozen() == 0);

        placements.place(orderId, activityId);
        await().atMost(Duration.ofSeconds(15)).until(() -> ledger(activityId).getReserved() == 1);
        assertThat(ledger(activityId).getAvailable()).isEqualTo(9);
        assertThat(ledger(activityId).getFrozen()).isZero();
    }

    /**
     * Empty rollback, then suspension: the TC rolls a branch back before its Try ever ran (the Try was
     * delayed on the network), so Cancel must change nothing; the late Try must then be refused, or it
     * would freeze units no phase two will ever release.
     */
    @Test
    void cancelBeforeTryChangesNothingAndTheLateTryIsRefused() throws Exception {
        long activityId = openLedger(10);
        long orderId = newId();
        GlobalTransaction tx = GlobalTransactionContext.createNew();
        tx.begin(30_000, "fence-it-empty-rollback");
        String xid = tx.getXid();
        long branchId = DefaultResourceManager.get().branchRegister(BranchType.TCC, HoldingStock.ACTION, null, xid,
                applicationData(orderId, activityId), null);

        tx.rollback();

        assertThat(ledger(activityId).getAvailable()).isEqualTo(10);
        assertThat(fenceStatus(xid, branchId)).as("fence recorded the rollback as suspended").isEqualTo(4);

        RootContext.bind(xid);
        try {
            assertThatThrownBy(() -> holding.tryHold(activityId, 1, List.of(new HoldingStock.Hold(orderId, 1)))).as("late Try refused");
        } finally {
            RootContext.unbind();
        }
        assertThat(ledger(activityId).getAvailable()).isEqualTo(10);
        assertThat(ledger(activityId).getFrozen()).isZero();
    }

    /** Repeated Confirm: the TC retries phase two when an answer is lost; stock must move once. */
    @Test
    void confirmTwiceReservesOnce() throws Exception {
        long activityId = openLedger(10);
        long orderId = newId();
        String xid = placements.place(orderId, activityId);
        await().atMost(Duration.ofSeconds(15)).until(() -> ledger(activityId).getReserved() == 1);

        BranchStatus again = DefaultResourceManager.get().branchCommit(BranchType.TCC, xid, branchOf(xid),
                HoldingStock.ACTION, applicationData(orderId, activityId));

        assertThat(again).isEqualTo(BranchStatus.PhaseTwo_Committed);
        assertThat(ledger(activityId).getReserved()).isEqualTo(1);
        assertThat(ledger(activityId).getAvailable()).isEqualTo(9);
    }

    /** Repeated Cancel: a retried rollback must not give the unit back twice (a unit created from nothing). */
    @Test
    void cancelTwiceReleasesOnce() throws Exception {
        long activityId = openLedger(10);
        long orderId = newId();
        String[] xid = new String[1];
        assertThatThrownBy(() -> placements.placeAndFail(orderId, activityId, xid));
        await().atMost(Duration.ofSeconds(15)).until(() -> ledger(activityId).getAvailable() == 10);

        BranchStatus again = DefaultResourceManager.get().branchRollback(BranchType.TCC, xid[0], branchOf(xid[0]),
                HoldingStock.ACTION, applicationData(orderId, activityId));

        assertThat(again).isEqualTo(BranchStatus.PhaseTwo_Rollbacked);
        assertThat(ledger(activityId).getAvailable()).isEqualTo(10);
        assertThat(ledger(activityId).getTotal()).isEqualTo(10);
    }

    /** A group freezes its units with one ledger update and one hold per order; its Confirm reserves them all. */
    @Test
    void aGroupOfOrdersIsFrozenAndReservedTogether() {
        long activityId = openLedger(10);
        List<HoldingStock.Hold> group = List.of(new HoldingStock.Hold(newId(), 1), new HoldingStock.Hold(newId(), 2),
                new HoldingStock.Hold(newId(), 3));

        String xid = placements.placeGroup(activityId, group);

        await().atMost(Duration.ofSeconds(15)).until(() -> ledger(activityId).getReserved() == 6);
        assertThat(ledger(activityId).getAvailable()).isEqualTo(4);
        assertThat(ledger(activityId).getFrozen()).isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stock_hold WHERE xid = ? AND state = 'RESERVED'", Integer.class, xid))
                .isEqualTo(3);
    }

    /**
     * A redelivered order in a new group while its first attempt still holds stock: the whole group is
     * refused and freezes nothing, or the order would hold its units twice.
     */
    @Test
    void aGroupWithAnOrderHeldElsewhereFreezesNothing() {
        long activityId = openLedger(10);
        long held = newId();
        placements.place(held, activityId);
        await().atMost(Duration.ofSeconds(15)).until(() -> ledger(activityId).getReserved() == 1);

        assertThatThrownBy(() -> placements.placeGroup(activityId, List.of(new HoldingStock.Hold(newId(), 1),
                new HoldingStock.Hold(held, 1)))).isNotNull();

        await().atMost(Duration.ofSeconds(15)).until(() -> ledger(activityId).getFrozen() == 0);
        assertThat(ledger(activityId).getAvailable()).isEqualTo(9);
        assertThat(ledger(activityId).getReserved()).isEqualTo(1);
    }

    @Test
    void aTryForMoreThanTheLedgerHasFailsAndFreezesNothing() {
        long activityId = openLedger(0 + 1);
        placements.place(newId(), activityId);
        await().atMost(Duration.ofSeconds(15)).until(() -> ledger(activityId).getReserved() == 1);

        assertThatThrownBy(() -> placements.place(newId(), activityId)).isNotNull();

        assertThat(ledger(activityId).getFrozen()).isZero();
        assertThat(ledger(activityId).getAvailable()).isZero();
        assertThat(ledger(activityId).getReserved()).isEqualTo(1);
    }
}
