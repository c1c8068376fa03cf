package io.seckill.order.orders;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Service-to-service (not routed by the gateway): units per order status of an activity, for reconciliation. */
@RestController
class OrderUnitsController {

    private final CountingUnits counting;

    OrderUnitsController(CountingUnits counting) {
        this.counting = counting;
    }

    @GetMapping("/internal/orders/activities/{activityId}/units")
    Map<OrderStatus, Long> units(@PathVariable long activityId) {
        return counting.byStatus(activityId);
    }
}
