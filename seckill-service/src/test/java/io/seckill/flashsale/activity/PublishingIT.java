package io.seckill.flashsale.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.seckill.common.testsupport.TestTokens;
import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.common.testsupport.InventoryLedgers;
import io.seckill.common.testsupport.ServiceProcess;
import io.seckill.flashsale.SaleStack;
import io.seckill.flashsale.purchase.PlacingPurchase;
import io.seckill.flashsale.purchase.PurchaseTokens;
import io.seckill.flashsale.stock.WarmingUp;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Operators publish, pause, resume and end sales; the ledger of record and Redis follow, idempotently. */
class PublishingIT extends SaleStack {

    @Autowired
    WarmingUp warmingUp;

    @Autowired
    ActivityCatalog catalog;

    @Autowired
    PurchaseTokens tokens;

    @Autowired
    PlacingPurchase placing;

    private Map<String, Object> ledger(long activityId) {
        return new InventoryLedgers(ServiceProcess.baseUrl("inventory-service")).read(activityId);
    }

    @Test
    void publishingOpensTheLedgerAndWarmsRedisAndPublishingAgainResetsNothing() {
        Activity sale = openSale(20, 1);
        long activityId = sale.getActivityId();

        assertThat(ledger(activityId)).containsEntry("total", 20).containsEntry("available", 20)
                .containsEntry("perUserLimit", sale.getPerUserLimit())
                .containsEntry("startAt", sale.getStartAt().toString()).containsEntry("endAt", sale.getEndAt().toString());
        assertThat(redisStock(activityId)).isEqualTo(20);

        placing.place("early-bird", activityId, tokens.issue("early-bird", activityId).token(), 1);
        managing.publish(activityId);
        warmingUp.warmUp(catalog.any(activityId).definition());

        assertThat(redisStock(activityId)).as("sold units stay sold").isEqualTo(19);
        assertThat(ledger(activityId)).containsEntry("total", 20);
    }

    /** Two instances warming up the same sale at once must not both set (or reset) the counter. */
    @Test
    void concurrentWarmUpsLoadTheSaleOnce() throws Exception {
        Activity draft = managing.create(new NewActivity("SKU-W", "warm", BigDecimal.TEN, 50, Instant.now(),
                Instant.now().plus(Duration.ofHours(1)), 1));
        draft.setStatus(ActivityStatus.PUBLISHED);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService instances = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> tries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tries.add(instances.submit(() -> {
                go.await();
                return warmingUp.warmUp(draft.definition());
            }));
        }
        go.countDown();
        for (Future<Boolean> attempt : tries) {
            attempt.get(30, TimeUnit.SECONDS);
        }
        instances.shutdown();

        assertThat(redisStock(draft.getActivityId())).isEqualTo(50);
    }

    @Test
    void theLifecycleMovesOnlyFromTheStateTheOperatorSaw() {
        Activity sale = openSale(5, 1);
        long activityId = sale.getActivityId();

        assertThat(managing.pause(activityId).getStatus()).isEqualTo(ActivityStatus.PAUSED);
        assertThatThrownBy(() -> managing.pause(activityId)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
        assertThat(managing.resume(activityId).getStatus()).isEqualTo(ActivityStatus.PUBLISHED);
        Instant beforeEnd = Instant.now();
        assertThat(managing.end(activityId).getStatus()).isEqualTo(ActivityStatus.ENDED);
        Instant ledgerEnd = Instant.parse((String) ledger(activityId).get("endAt"));
        // Whole seconds in the ledger: its window closes at the first one at or after the end, never before Redis's.
        assertThat(ledgerEnd).as("the ledger's window closes when the sale ended, not when it was scheduled to")
                .isAfterOrEqualTo(beforeEnd).isBeforeOrEqualTo(Instant.now().plusSeconds(1)).isBefore(sale.getEndAt());
        assertThatThrownBy(() -> managing.resume(activityId)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE));
        assertThatThrownBy(() -> tokens.issue("late", activityId)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.ENDED));
    }
}
