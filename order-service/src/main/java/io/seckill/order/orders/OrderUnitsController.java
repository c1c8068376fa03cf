package io.seckill.order.orders;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Service-to-service (not routed by the gateway): units per order status of an activity, for reconciliation. */
@RestController
class OrderUnitsController {

    private final OrderMapper orders;

    OrderUnitsController(OrderMapper orders) {
        this.orders = orders;
    }

    @GetMapping("/internal/orders/activities/{activityId}/units")
    Map<OrderStatus, Long> units(@PathVariable long activityId) {
        Map<OrderStatus, Long> units = new EnumMap<>(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            units.put(status, 0L);
        }
        orders.countByStatus(activityId).forEach(count -> units.put(count.status(), count.units()));
        return units;
    }
}
