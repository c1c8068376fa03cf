package io.seckill.order.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.seckill.common.event.OrderRequested;
import io.seckill.common.event.Topics;
import io.seckill.common.testsupport.ServiceProcess;
import io.seckill.order.OrderStack;
import io.seckill.order.placement.OrderMapper;
import io.seckill.order.placement.OrderStatus;

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
import org.springframework.web.client.RestClient;

import tools.jackson.databind.json.JsonMapper;

/**
 * Settlement end to end on the real stack: request events on Kafka, placement through Seata TCC with
 * a real inventory-service, the ledger of record checked over its API.
 */
class SettlementIT extends OrderStack {

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JsonMapper json;

    @Autowired
    OrderMapper orders;

    private final RestClient inventory = RestClient.create(ServiceProcess.baseUrl("inventory-service"));

    @SuppressWarnings("unchecked")
    private Map<String, Object> ledger(long activityId) {
        return inventory.get().uri("/internal/ledgers/{id}", activityId).retrieve().body(Map.class);
    }

    private long countOrders(long activityId, OrderStatus status) {
        return orders.countByStatus(activityId).stream().filter(c -> c.status() == status)
                .mapToLong(OrderMapper.StatusCount::orders).sum();
    }

    private long allOrders(long activityId) {
        return orders.countByStatus(activityId).stream().mapToLong(OrderMapper.StatusCount::orders).sum();
    }

    private void publish(List<OrderRequested> requests) throws Exception {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (OrderRequested request : requests) {
            sent.add(kafka.send(Topics.ORDER_REQUESTED, request.userId(), json.writeValueAsString(request)));
        }
        for (CompletableFuture<?> f : sent) {
            f.get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Redelivery and duplicates (at-least-once relay, consumer rebalances): 1,000 requests plus 200
     * duplicates must become exactly 1,000 orders and 1,000 reserved units, and replaying every event
     * afterwards changes nothing.
     */
    @Test
    void everyRequestBecomesExactlyOneOrderAndDuplicatesChangeNothing() throws Exception {
        long activityId = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
        inventory.put().uri("/internal/ledgers/{id}", activityId).body(Map.of("total", 1000)).retrieve().toBodilessEntity();
        long firstOrderId = ThreadLocalRandom.current().nextLong(1L << 40, 1L << 60);
        List<OrderRequested> requests = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            requests.add(OrderRequested.of(firstOrderId + i, "buyer-" + i, activityId, 1, new BigDecimal("9.90"),
                    Instant.now(), Instant.now()));
        }

        long started = System.nanoTime();
        publish(requests);
        publish(requests.subList(0, 200));
        await().atMost(Duration.ofMinutes(4)).until(() -> countOrders(activityId, OrderStatus.CREATED) == 1000);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("settled 1000 orders (+200 duplicates) in %.1f s: %.0f orders/s%n", seconds, 1000 / seconds);

        assertThat(allOrders(activityId)).isEqualTo(1000);
        assertThat(ledger(activityId)).containsEntry("frozen", 0).containsEntry("reserved", 1000)
                .containsEntry("available", 0).containsEntry("sold", 0);

        publish(requests);
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(30))
                .until(() -> allOrders(activityId) == 1000 && countOrders(activityId, OrderStatus.CREATED) == 1000);
        assertThat(ledger(activityId)).containsEntry("reserved", 1000).containsEntry("frozen", 0);
    }
}
