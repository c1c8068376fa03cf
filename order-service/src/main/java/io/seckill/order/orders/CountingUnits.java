package io.seckill.order.orders;

import java.util.EnumMap;
import java.util.Map;

import org.springframework.stereotype.Service;

/** The units of a sale's orders in each status, every status present (0 when none): what reconciliation compares. */
@Service
class CountingUnits {

    private final OrderMapper orders;

    CountingUnits(OrderMapper orders) {
        this.orders = orders;
    }

    Map<OrderStatus, Long> byStatus(long activityId) {
        Map<OrderStatus, Long> units = new EnumMap<>(OrderStatus.class);
        for (OrderStatus status : OrderStatus.values()) {
            units.put(status, 0L);
        }
        orders.countByStatus(activityId).forEach(count -> units.put(count.status(), count.units()));
        return units;
    }
}
