package io.seckill.flashsale.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.seckill.common.testsupport.ServiceProcess;
import io.seckill.flashsale.SaleStack;
import io.seckill.flashsale.purchase.PlacingPurchase;
import io.seckill.flashsale.purchase.PurchaseTokens;
import io.seckill.flashsale.sale.SaleKeys;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.redisson.client.codec.StringCodec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Reconciliation across the real services: purchases placed as orders by a running order-service, the
 * ledger in a running inventory-service. A counter that drifted (a unit leaked back into Redis twice,
 * which would let it be sold twice) is reported, then repaired from the ledger; a runner holding an old
 * fencing token cannot write over a newer one.
 */
class ReconciliationIT extends SaleStack {

    @DynamicPropertySource
    static void orderService(DynamicPropertyRegistry registry) {
        registry.add("seckill.reconciliation.order-base-url", () -> ServiceProcess.baseUrl("order-service",
                () -> Map.of("INVENTORY_SERVICE_URI", ServiceProcess.baseUrl("inventory-service"))));
    }

    @Autowired
    Reconciling reconciling;

    @Autowired
    PurchaseTokens tokens;

    @Autowired
    PlacingPurchase placing;

    private ReconciliationReport.ActivityDrift of(ReconciliationReport report, long activityId) {
        return report.activities().stream().filter(a -> a.activityId().equals(Long.toString(activityId))).findFirst()
                .orElseThrow();
    }

    @Test
    void driftIsReportedAndRepairedFromTheLedger() {
        long activityId = openSale(10, 1).getActivityId();
        for (String user : new String[] {"r1", "r2", "r3"}) {
            placing.place(user, activityId, tokens.issue(user, activityId).token(), 1);
        }
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            ReconciliationReport.ActivityDrift sale = of(reconciling.run(false), activityId);
            return sale.quiescent() && sale.createdUnits() == 3;
        });
        ReconciliationReport.ActivityDrift settled = of(reconciling.run(false), activityId);
        assertThat(settled.drift()).isZero();
        assertThat(settled.redisRemaining()).isEqualTo(7);
        assertThat(settled.ledgerAvailable()).isEqualTo(7);

        redisson.getBucket(new SaleKeys(activityId).stock(), StringCodec.INSTANCE).set("9");

        ReconciliationReport.ActivityDrift reported = of(reconciling.run(false), activityId);
        assertThat(reported.drift()).as("two units could be sold twice").isEqualTo(-2);
        assertThat(reported.redisMatchesLedger()).isFalse();
        assertThat(redisStock(activityId)).as("report-only changes nothing").isEqualTo(9);

        ReconciliationReport repairRun = reconciling.run(true);
        ReconciliationReport.ActivityDrift repaired = of(repairRun, activityId);
        assertThat(repaired.repair()).isEqualTo("redis counter 9 -> 7");
        assertThat(repaired.drift()).isZero();
        assertThat(redisStock(activityId)).isEqualTo(7);
        assertThat(reconciling.last().fencingToken()).isEqualTo(repairRun.fencingToken());
    }

    @Test
    void aRunnerWithAnOlderFencingTokenCannotWrite() {
        long activityId = openSale(10, 1).getActivityId();
        long older = reconciling.run(false).fencingToken();
        long newer = reconciling.run(false).fencingToken();
        assertThat(newer).isGreaterThan(older);

        assertThat(reconciling.fencedRepair(activityId, newer, 10)).isTrue();
        assertThat(reconciling.fencedRepair(activityId, older, 4)).as("stale runner refused").isFalse();
        assertThat(redisStock(activityId)).isEqualTo(10);
    }
}
