package io.seckill.order.cancellation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.seckill.common.testsupport.InventoryLedgers;
import io.seckill.common.testsupport.TestTokens;
import io.seckill.common.event.OrderRequested;
import io.seckill.common.event.Topics;
import io.seckill.common.testsupport.ServiceProcess;
import io.seckill.order.Settlements;
import io.seckill.order.OrderStack;
import io.seckill.order.orders.OrderMapper;
import io.seckill.order.orders.OrderStatus;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Crash mid-saga: an order-service process cancelling unpaid orders is killed (-9) while its sagas run;
 * a new process resumes the interrupted sagas forward and starts the missing ones, until every order is
 * cancelled, every unit is back in the ledger, and no saga is left unfinished.
 */
class SagaCrashIT extends OrderStack {

    private static final int ORDERS = 100;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    OrderMapper orders;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PaymentTimeout paymentTimeout;

    private long count(long activityId, OrderStatus status) {
        return orders.countByStatus(activityId).stream().filter(c -> c.status() == status)
                .mapToLong(OrderMapper.StatusCount::orders).sum();
    }


    @Test
    void sagasInterruptedByAKilledProcessAreResumedAndFinished() throws Exception {
        String inventoryUrl = ServiceProcess.baseUrl("inventory-service");
        InventoryLedgers ledgers = new InventoryLedgers(inventoryUrl);
        long activityId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        ledgers.open(activityId, ORDERS, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofHours(1)), 10);
        long first = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 60);
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            OrderRequested request = OrderRequested.of(first + i, "crash-" + i, activityId, 1, BigDecimal.ONE, Instant.now(),
                    Instant.now());
            sent.add(kafka.send(Topics.ORDER_REQUESTED, request.userId(), json.writeValueAsString(request)));
        }
        for (CompletableFuture<?> f : sent) {
            f.get(30, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofMinutes(2)).until(() -> count(activityId, OrderStatus.CREATED) == ORDERS);

        // Our orders are made a year old, and a second instance cancels what is unpaid after 300 days: ours, and
        // nothing another test, demo or bench left unpaid (their orders are younger). Kill it mid-way.
        // This JVM's own scanner must leave them to the instances under test.
        Duration ownTimeout = paymentTimeout.getPaymentTimeout();
        paymentTimeout.setPaymentTimeout(Duration.ofDays(1000));
        jdbc.update("UPDATE orders SET created_at = DATE_SUB(created_at, INTERVAL 365 DAY) WHERE activity_id = ?", activityId);
        Map<String, String> impatient = Map.of("INVENTORY_SERVICE_URI", inventoryUrl,
                "SECKILL_SETTLEMENT_PAYMENTTIMEOUT", "300d", "SECKILL_SETTLEMENT_TIMEOUTSCAN", "200ms",
                "SECKILL_SETTLEMENT_CANCELLATIONGROUP", "5");
        ServiceProcess.Running doomed = ServiceProcess.startDetached("order-service", impatient);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> count(activityId, OrderStatus.CANCELLED) >= 10);
        doomed.kill();
        long cancelledAtCrash = count(activityId, OrderStatus.CANCELLED);
        System.out.printf("killed the cancelling instance with %d of %d orders cancelled%n", cancelledAtCrash, ORDERS);

        ServiceProcess.Running successor = ServiceProcess.startDetached("order-service", impatient);
        try {
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                assertThat(count(activityId, OrderStatus.CANCELLED)).isEqualTo(ORDERS);
                assertThat(ledgers.read(activityId)).containsEntry("available", ORDERS).containsEntry("reserved", 0);
                // Every saga that cancelled some of these orders (each order names its saga) finished.
                List<String> keys = jdbc.queryForList("SELECT DISTINCT cancellation FROM orders WHERE activity_id = ?",
                        String.class, activityId);
                String quoted = keys.stream().map(k -> "'" + k + "'").collect(Collectors.joining(","));
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM seata_state_machine_inst WHERE business_key IN (" + quoted
                        + ") AND status <> 'SU'", Integer.class)).as("sagas left unfinished").isZero();
            });
        } finally {
            successor.kill();
            paymentTimeout.setPaymentTimeout(ownTimeout);
        }
    }
}
