package io.seckill.order.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.seckill.common.event.OrderLifecycleEvent;
import io.seckill.common.event.OrderRequested;
import io.seckill.order.OrderStack;
import io.seckill.order.Settlements;
import io.seckill.order.orders.OrderMapper;
import io.seckill.order.orders.OrderStatus;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Placement in groups on the real stack. A poll mixes new requests, duplicates of placed orders and more
 * new requests than the ledger of record still covers (which Redis should have prevented, but the ledger
 * decides): the group is settled again in smaller parts, so exactly as many orders fail as units are
 * missing, duplicates change nothing, and each order's one event (CREATED or FAILED) comes out of the outbox.
 */
class PlacementGroupsIT extends OrderStack {

    @Autowired
    Settlements sales;

    @Autowired
    OrderMapper orders;

    @Test
    void newOrdersDuplicatesAndOrdersBeyondTheLedgerEndExactlyRight() throws Exception {
        long activityId = sales.openSale(10);
        List<OrderRequested> early = Settlements.requests(activityId, 3);
        sales.publish(early);
        await().atMost(Duration.ofMinutes(1)).until(() -> sales.count(activityId, OrderStatus.CREATED) == 3);

        List<OrderRequested> late = Settlements.requests(activityId, 12);
        List<OrderRequested> burst = new ArrayList<>(late);
        burst.addAll(early);
        burst.addAll(late.subList(0, 4)); // delivered twice within the burst
        sales.publish(burst);

        await().atMost(Duration.ofMinutes(2)).until(() -> sales.all(activityId) == 15
                && sales.count(activityId, OrderStatus.PENDING) == 0);
        assertThat(sales.count(activityId, OrderStatus.CREATED)).as("every unit of the ledger placed once").isEqualTo(10);
        assertThat(sales.count(activityId, OrderStatus.FAILED)).as("exactly the orders without a unit").isEqualTo(5);
        for (OrderRequested request : early) {
            assertThat(orders.selectById(request.orderId()).getStatus()).as("a duplicate changes nothing").isEqualTo(OrderStatus.CREATED);
        }
        assertThat(sales.ledger(activityId)).containsEntry("reserved", 10).containsEntry("available", 0).containsEntry("frozen", 0);

        Set<Long> failed = late.stream().map(OrderRequested::orderId)
                .filter(id -> orders.selectById(id).getStatus() == OrderStatus.FAILED).collect(Collectors.toSet());
        Map<Long, List<String>> events = sales.events(activityId, Duration.ofSeconds(60), seen -> seen.size() == 15);
        assertThat(events).hasSize(15);
        events.forEach((orderId, types) -> assertThat(types.get(0)).as("order %d", orderId)
                .isEqualTo(failed.contains(orderId) ? OrderLifecycleEvent.FAILED : OrderLifecycleEvent.CREATED));
    }
}
