package io.seckill.flashsale.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.seckill.common.event.OrderLifecycleEvent;
import io.seckill.common.event.Topics;
import io.seckill.flashsale.SaleStack;
import io.seckill.flashsale.activity.Activity;
import io.seckill.flashsale.purchase.PlacingPurchase;
import io.seckill.flashsale.purchase.PurchaseOutcome;
import io.seckill.flashsale.purchase.PurchaseResults;
import io.seckill.flashsale.purchase.PurchaseTokens;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Stock return on a duplicated cancellation (newbee-mall-plus #17 leaked units; a naive return
 * gives a unit back twice): the unit comes back once, the shopper's count drops once, and the sold-out
 * flag clears so the next shopper can buy it.
 */
class StockReturnIT extends SaleStack {

    @Autowired
    PurchaseTokens tokens;

    @Autowired
    PlacingPurchase placing;

    @Autowired
    PurchaseResults results;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Test
    void aCancellationDeliveredTwiceReturnsTheUnitOnce() throws Exception {
        Activity sale = openSale(1, 1);
        long activityId = sale.getActivityId();
        long orderId = buy("first-buyer", activityId);
        assertThat(redisStock(activityId)).isZero();
        assertThat(buy("second-buyer", activityId)).as("sold out").isNegative();

        String cancelled = json.writeValueAsString(OrderLifecycleEvent.of(OrderLifecycleEvent.CANCELLED, orderId,
                "first-buyer", activityId, 1, "payment timeout", Instant.now()));
        kafka.send(Topics.ORDER_EVENTS, Long.toString(orderId), cancelled).get(10, TimeUnit.SECONDS);
        kafka.send(Topics.ORDER_EVENTS, Long.toString(orderId), cancelled).get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(30)).until(() -> redisStock(activityId) == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> redisStock(activityId) == 1);
        assertThat(buyers(activityId)).doesNotContainKey("first-buyer");
        assertThat(results.of("first-buyer", activityId, orderId).status()).isEqualTo("CANCELLED");

        assertThat(buy("second-buyer", activityId)).as("back on sale, flag cleared").isPositive();
        assertThat(redisStock(activityId)).isZero();
    }

    /**
     * Issue 16: a FAILED order of quantity 50 made the return script add 50 units to a 10-unit sale that
     * had handed out 1 (shoppers saw 59 remaining). An event names an order; the units that go back are
     * what the purchase script took for that order id and user, and an order it never took is refused.
     */
    @Test
    void anEventCannotMintStockOnlyWhatThePurchaseTookReturns() throws Exception {
        long activityId = openSale(10, 2).getActivityId();
        long orderId = buy("honest-buyer", activityId);
        assertThat(redisStock(activityId)).isEqualTo(9);

        long stranger = orderId + 1_000_000;
        for (String event : List.of(
                json.writeValueAsString(OrderLifecycleEvent.of(OrderLifecycleEvent.FAILED, stranger, "honest-buyer", activityId, 50,
                        "never accepted here", Instant.now())),
                json.writeValueAsString(OrderLifecycleEvent.of(OrderLifecycleEvent.FAILED, orderId, "mallory", activityId, 50,
                        "someone else's order", Instant.now())))) {
            kafka.send(Topics.ORDER_EVENTS, Long.toString(orderId), event).get(10, TimeUnit.SECONDS);
        }
        kafka.send(Topics.ORDER_EVENTS, Long.toString(orderId), json.writeValueAsString(OrderLifecycleEvent.of(
                OrderLifecycleEvent.FAILED, orderId, "honest-buyer", activityId, 50, "inflated", Instant.now()))).get(10, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(30)).until(() -> redisStock(activityId) != 9);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> redisStock(activityId) == 10);
        assertThat(buyers(activityId)).doesNotContainKey("honest-buyer").doesNotContainKey("mallory");
    }

    @Test
    void orderEventsMoveTheVisibleStatusForwardOnly() throws Exception {
        Activity sale = openSale(5, 1);
        long activityId = sale.getActivityId();
        long orderId = buy("payer", activityId);
        assertThat(results.of("payer", activityId, orderId).status()).isEqualTo("QUEUED");

        send(OrderLifecycleEvent.PAID, orderId, activityId);
        await().atMost(Duration.ofSeconds(30)).until(() -> results.of("payer", activityId, orderId).status().equals("PAID"));
        send(OrderLifecycleEvent.CREATED, orderId, activityId);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> results.of("payer", activityId, orderId).status().equals("PAID"));
    }

    private void send(String type, long orderId, long activityId) throws Exception {
        kafka.send(Topics.ORDER_EVENTS, Long.toString(orderId), json.writeValueAsString(
                OrderLifecycleEvent.of(type, orderId, "payer", activityId, 1, null, Instant.now()))).get(10, TimeUnit.SECONDS);
    }

    /** The order id if accepted, -1 if refused. */
    private long buy(String user, long activityId) {
        try {
            PurchaseOutcome outcome = placing.place(user, activityId, tokens.issue(user, activityId).token(), 1);
            return outcome instanceof PurchaseOutcome.Accepted accepted ? accepted.orderId() : -1;
        } catch (io.seckill.common.error.ProblemException refused) {
            return -1;
        }
    }
}
