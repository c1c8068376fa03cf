package io.seckill.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.seckill.common.testsupport.TestTokens;
import io.seckill.common.error.ProblemException;
import io.seckill.common.event.OrderLifecycleEvent;
import io.seckill.common.event.OrderRequested;
import io.seckill.common.event.Topics;
import io.seckill.order.cancellation.CancellingUnpaidOrders;
import io.seckill.order.cancellation.PaymentTimeout;
import io.seckill.order.payment.PayingForOrder;
import io.seckill.order.orders.OrderMapper;
import io.seckill.order.orders.OrderStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;

import tools.jackson.databind.json.JsonMapper;

/**
 * Settlement end to end on the real stack: request events on Kafka, placement through Seata TCC with a
 * real inventory-service, payment, the timeout cancellation saga, and the ledger of record read over
 * inventory's API.
 */
class SettlementIT extends OrderStack {

    @Autowired
    Settlements settlements;

    @Autowired
    ConsumerFactory<String, String> consumers;

    @Autowired
    JsonMapper json;

    @Autowired
    OrderMapper orders;

    @Autowired
    PayingForOrder paying;

    @Autowired
    CancellingUnpaidOrders cancelling;

    @Autowired
    PaymentTimeout timeout;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @AfterEach
    void restore() {
        timeout.setPaymentTimeout(Duration.ofHours(1));
        listeners.start();
    }

    private long openSale(int units) {
        return settlements.openSale(units);
    }

    private static List<OrderRequested> requests(long activityId, int count) {
        return Settlements.requests(activityId, count);
    }

    private void publish(List<OrderRequested> requests) throws Exception {
        settlements.publish(requests);
    }

    private Set<Long> cancellationsAnnounced(long activityId, int expected) {
        Set<Long> orderIds = new HashSet<>();
        try (Consumer<String, String> consumer = consumers.createConsumer("it-" + UUID.randomUUID(), "it")) {
            consumer.subscribe(List.of(Topics.ORDER_EVENTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (orderIds.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    OrderLifecycleEvent event = json.readValue(record.value(), OrderLifecycleEvent.class);
                    if (event.activityId() == activityId && OrderLifecycleEvent.CANCELLED.equals(event.type())) {
                        orderIds.add(event.orderId());
                    }
                }
            }
        }
        return orderIds;
    }

    /**
     * Duplicates and redelivery (at-least-once relay, rebalances) create nothing twice; paid units are
     * sold, unpaid ones time out through the saga and come back on sale, each announced once.
     */
    @Test
    void thousandRequestsPlusDuplicatesSettleIntoSixHundredSoldAndFourHundredReturned() throws Exception {
        long activityId = openSale(1000);
        List<OrderRequested> requests = requests(activityId, 1000);

        long started = System.nanoTime();
        publish(requests);
        publish(requests.subList(0, 200));
        await().atMost(Duration.ofMinutes(4)).until(() -> settlements.count(activityId, OrderStatus.CREATED) == 1000);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("placed 1000 orders (+200 duplicates) in %.1f s: %.0f orders/s%n", seconds, 1000 / seconds);
        assertThat(settlements.all(activityId)).isEqualTo(1000);
        assertThat(settlements.ledger(activityId)).containsEntry("frozen", 0).containsEntry("reserved", 1000).containsEntry("available", 0);

        ExecutorService payers = Executors.newFixedThreadPool(8);
        List<Future<?>> paid = new ArrayList<>();
        for (OrderRequested request : requests.subList(0, 600)) {
            paid.add(payers.submit(() -> paying.pay(request.userId(), request.orderId())));
        }
        for (Future<?> f : paid) {
            f.get(60, TimeUnit.SECONDS);
        }
        payers.shutdown();
        // The timeout of this sale's orders only (the scheduled scan would cancel every unpaid order of the stack).
        cancelling.cancelDue(activityId, Duration.ZERO);
        await().atMost(Duration.ofMinutes(3)).until(() -> settlements.count(activityId, OrderStatus.CANCELLED) == 400);

        assertThat(settlements.count(activityId, OrderStatus.PAID)).isEqualTo(600);
        assertThat(settlements.ledger(activityId)).containsEntry("sold", 600).containsEntry("available", 400)
                .containsEntry("reserved", 0).containsEntry("frozen", 0);
        Set<Long> unpaid = new HashSet<>();
        requests.subList(600, 1000).forEach(r -> unpaid.add(r.orderId()));
        assertThat(cancellationsAnnounced(activityId, 400)).isEqualTo(unpaid);

        publish(requests);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30)).until(() -> settlements.all(activityId) == 1000
                && settlements.count(activityId, OrderStatus.PAID) == 600 && settlements.count(activityId, OrderStatus.CANCELLED) == 400);
        assertThat(settlements.ledger(activityId)).containsEntry("sold", 600).containsEntry("available", 400);
    }

    /** Payment racing the timeout cancellation: each order ends paid or cancelled, never both, never neither. */
    @Test
    void paymentRacingCancellationEndsInExactlyOneOutcome() throws Exception {
        long activityId = openSale(60);
        List<OrderRequested> requests = requests(activityId, 60);
        publish(requests);
        await().atMost(Duration.ofMinutes(2)).until(() -> settlements.count(activityId, OrderStatus.CREATED) == 60);

        ExecutorService racers = Executors.newFixedThreadPool(8);
        List<Future<?>> races = new ArrayList<>();
        for (OrderRequested request : requests) {
            long jitterMillis = ThreadLocalRandom.current().nextLong(40);
            races.add(racers.submit(() -> {
                try {
                    // Random head start for the cancellation, so either side wins some of the races.
                    Thread.sleep(jitterMillis);
                    paying.pay(request.userId(), request.orderId());
                } catch (ProblemException cancelledFirst) {
                    assertThat(cancelledFirst.getStatusCode().value()).isEqualTo(409);
                }
                return null;
            }));
            races.add(racers.submit(() -> cancelling.cancel(request.orderId())));
        }
        for (Future<?> f : races) {
            f.get(60, TimeUnit.SECONDS);
        }
        racers.shutdown();

        long paid = settlements.count(activityId, OrderStatus.PAID);
        long cancelled = settlements.count(activityId, OrderStatus.CANCELLED);
        System.out.printf("payment/cancellation race over 60 orders: %d paid, %d cancelled%n", paid, cancelled);
        assertThat(paid + cancelled).isEqualTo(60);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(settlements.ledger(activityId))
                .containsEntry("sold", (int) paid).containsEntry("available", (int) cancelled)
                .containsEntry("reserved", 0).containsEntry("frozen", 0));
        for (OrderRequested request : requests) {
            if (orders.selectById(request.orderId()).getStatus() == OrderStatus.CANCELLED) {
                assertThatThrownBy(() -> paying.pay(request.userId(), request.orderId()))
                        .as("a payment after cancellation is refused clearly").isInstanceOf(ProblemException.class)
                        .hasMessageContaining("cannot be paid any more");
            }
        }
    }

    /**
     * The consumers stop mid-sale (offsets of later polls uncommitted, groups in flight) and restart: same
     * totals. Polls are placed whole (500 records), so the sale is larger than the polls in flight at the stop.
     */
    @Test
    void aConsumerStoppedMidBatchResumesToTheSameTotals() throws Exception {
        long activityId = openSale(5000);
        List<OrderRequested> requests = requests(activityId, 5000);
        publish(requests);
        await().atMost(Duration.ofMinutes(2)).until(() -> settlements.all(activityId) >= 10);

        // immediate-stop: the container stops after the poll in hand; the rest is neither processed nor
        // committed, as in a crash, and comes back after the restart.
        listeners.stop();
        long placedBeforeStop = settlements.all(activityId);
        listeners.start();

        await().atMost(Duration.ofMinutes(3)).until(() -> settlements.count(activityId, OrderStatus.CREATED) == 5000);
        assertThat(placedBeforeStop).isLessThan(5000);
        assertThat(settlements.all(activityId)).isEqualTo(5000);
        assertThat(settlements.ledger(activityId)).containsEntry("reserved", 5000).containsEntry("frozen", 0).containsEntry("available", 0);
    }
}
