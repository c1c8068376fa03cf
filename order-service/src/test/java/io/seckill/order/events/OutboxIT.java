package io.seckill.order.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.seckill.common.event.OrderLifecycleEvent;
import io.seckill.common.event.OrderRequested;
import io.seckill.common.testsupport.ServerFaults;
import io.seckill.order.OrderStack;
import io.seckill.order.Settlements;
import io.seckill.order.orders.OrderStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Announcements that cannot be lost: the Kafka broker is killed -9 right after the first orders of a sale
 * are committed (their CREATED events in the outbox, some not yet relayed) and brought back; every order's
 * CREATED event then arrives, which is what moves each shopper's result from QUEUED on.
 */
class OutboxIT extends OrderStack {

    private static final int ORDERS = 2000;

    @Autowired
    Settlements sales;

    @Test
    void createdEventsCommittedWhileKafkaIsDownArriveOnceItIsBack() throws Exception {
        long activityId = sales.openSale(ORDERS);
        List<OrderRequested> requests = Settlements.requests(activityId, ORDERS);
        sales.publish(requests);
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(10))
                .until(() -> sales.count(activityId, OrderStatus.CREATED) > 0);

        ServerFaults.kill("kafka");
        long createdAtKill = sales.count(activityId, OrderStatus.CREATED);
        ServerFaults.bringBack(Duration.ofMinutes(2));
        System.out.printf("killed Kafka with %d of %d orders created%n", createdAtKill, ORDERS);

        await().atMost(Duration.ofMinutes(3)).until(() -> sales.count(activityId, OrderStatus.CREATED) == ORDERS);
        Map<Long, List<String>> events = sales.events(activityId, Duration.ofMinutes(2), seen -> seen.size() == ORDERS);
        assertThat(events).as("a CREATED event for every order").hasSize(ORDERS);
        assertThat(events.values()).allMatch(types -> types.contains(OrderLifecycleEvent.CREATED));
        assertThat(requests).allMatch(request -> events.containsKey(request.orderId()));
    }
}
