package io.seckill.order.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.seckill.common.testsupport.InventoryLedgers;
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

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * Settled orders per second for a 10,000-unit sale: every request published to Kafka at once, timed
 * until the last order is CREATED (placement through Seata TCC with a real inventory-service). Not part
 * of the test suite (no *IT/*Test name); run it with
 * {@code ./mvnw verify -pl order-service -Dit.test=SettlementThroughputBench -Dfailsafe.failIfNoSpecifiedTests=false}
 * after {@code ./seckill up --servers}. Prints the figure; asserts only that every unit settled.
 */
class SettlementThroughputBench extends OrderStack {

    private static final int UNITS = Integer.getInteger("bench.units", 10_000);

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    OrderMapper orders;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @Test
    void settleATenThousandUnitSale() throws Exception {
        long activityId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        InventoryLedgers ledgers = new InventoryLedgers(ServiceProcess.baseUrl("inventory-service"));
        ledgers.open(activityId, UNITS, Instant.now().minus(Duration.ofHours(1)),
                Instant.now().plus(Duration.ofHours(1)), 10);
        long first = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 60);
        List<CompletableFuture<?>> sent = new ArrayList<>();

        long started = System.nanoTime();
        for (int i = 0; i < UNITS; i++) {
            OrderRequested request = OrderRequested.of(first + i, "bench-" + i, activityId, 1, BigDecimal.ONE, Instant.now(),
                    Instant.now());
            sent.add(kafka.send(Topics.ORDER_REQUESTED, request.userId(), json.writeValueAsString(request)));
        }
        for (CompletableFuture<?> f : sent) {
            f.get(60, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1)).until(() -> orders.countByStatus(activityId)
                .stream().filter(c -> c.status() == OrderStatus.CREATED).mapToLong(OrderMapper.StatusCount::orders).sum() == UNITS);
        double seconds = (System.nanoTime() - started) / 1e9;

        System.out.printf("SETTLEMENT %d units: %.1f s from first request to last order, %.1f orders/s%n", UNITS, seconds,
                UNITS / seconds);
        assertThat(ledgers.read(activityId))
                .containsEntry("reserved", UNITS).containsEntry("frozen", 0);
        // Bench data only: left CREATED, these orders would keep every timeout scanner busy for minutes.
        jdbc.update("DELETE FROM orders WHERE activity_id = ?", activityId);
    }
}
