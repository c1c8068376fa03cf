package io.seckill.order.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.seckill.common.event.OrderRequested;
import io.seckill.common.testsupport.ServerFaults;
import io.seckill.common.testsupport.ServiceProcess;
import io.seckill.order.OrderStack;
import io.seckill.order.Settlements;
import io.seckill.order.orders.OrderStatus;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Placement in groups survives the crashes a global transaction spans: every order ends placed exactly
 * once, none is lost, no unit is frozen for ever, the ledger adds up.
 */
class PlacementCrashIT extends OrderStack {

    private static final int ORDERS = 3000;

    @Autowired
    Settlements sales;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    private void settledExactlyOnce(long activityId) {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(sales.count(activityId, OrderStatus.CREATED)).isEqualTo(ORDERS);
            assertThat(sales.all(activityId)).as("no order twice, none PENDING, none FAILED").isEqualTo(ORDERS);
            assertThat(sales.ledger(activityId)).containsEntry("reserved", ORDERS).containsEntry("frozen", 0)
                    .containsEntry("available", 0);
        });
    }

    /**
     * order-service killed -9 between the Trys and the Confirms of its groups: the Seata TC is frozen the
     * moment PENDING orders (the Trys done) appear, so the groups in flight cannot be confirmed, and the
     * instance placing them is killed. Thawed, the TC confirms the groups whose commit it had and rolls back
     * the others after their timeout (phase two reaching another instance of the service); their requests,
     * never acknowledged, are placed again by that instance.
     */
    @Test
    void aKilledInstanceBetweenTryAndConfirmLeavesEveryOrderPlacedOnce() throws Exception {
        long activityId = sales.openSale(ORDERS);
        List<OrderRequested> requests = Settlements.requests(activityId, ORDERS);
        listeners.stop(); // the doomed instance alone places this sale's first groups
        ServiceProcess.Running doomed = ServiceProcess.startDetached("order-service", Map.of(
                "INVENTORY_SERVICE_URI", ServiceProcess.baseUrl("inventory-service"), "SECKILL_SETTLEMENT_GLOBALTIMEOUT", "10s"));
        long pendingAtKill = 0;
        try {
            sales.publish(requests);
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (pendingAtKill == 0 && System.nanoTime() < deadline) {
                if (sales.count(activityId, OrderStatus.PENDING) > 0) {
                    ServerFaults.freeze("seata");
                    pendingAtKill = sales.count(activityId, OrderStatus.PENDING);
                    if (pendingAtKill == 0) {
                        ServerFaults.thaw("seata"); // confirmed before the freeze took: watch the next group
                    }
                }
            }
            doomed.kill();
        } finally {
            if (pendingAtKill > 0) {
                ServerFaults.thaw("seata");
            }
            listeners.start();
        }
        System.out.printf("killed order-service with %d orders PENDING (Try done, Confirm not)%n", pendingAtKill);
        assertThat(pendingAtKill).as("the kill landed between a group's Try and its Confirm").isPositive();

        settledExactlyOnce(activityId);
    }

    /** The Seata TC killed -9 and restarted mid-sale: it recovers its sessions and finishes every global transaction. */
    @Test
    void aRestartedCoordinatorFinishesEveryGroup() throws Exception {
        long activityId = sales.openSale(ORDERS);
        sales.publish(Settlements.requests(activityId, ORDERS));
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20)).until(() -> sales.all(activityId) > 0);

        ServerFaults.kill("seata");
        long placedAtKill = sales.all(activityId);
        ServerFaults.bringBack(Duration.ofMinutes(2));
        System.out.printf("restarted the Seata TC with %d of %d orders recorded%n", placedAtKill, ORDERS);

        settledExactlyOnce(activityId);
    }
}
