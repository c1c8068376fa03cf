package io.seckill.order.placement;

import io.seckill.common.event.OrderLifecycleEvent;
import io.seckill.order.events.OrderOutbox;
import io.seckill.order.orders.Order;
import io.seckill.order.orders.OrderMapper;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Orders the ledger of record has no unit for fail for good: recorded FAILED, with their FAILED events
 * (which give the units back to Redis) in the same local transaction.
 */
@Component
class FailingOrders {

    private static final Logger log = LoggerFactory.getLogger(FailingOrders.class);

    private final OrderMapper orders;
    private final OrderOutbox outbox;

    FailingOrders(OrderMapper orders, OrderOutbox outbox) {
        this.orders = orders;
        this.outbox = outbox;
    }

    @Transactional
    public void fail(List<Order> failed, String reason) {
        for (Order order : failed) {
            if (orders.insertFailed(order, reason) == 1) {
                outbox.announce(OrderLifecycleEvent.FAILED, order.getOrderId(), reason);
            }
        }
        log.warn("{} order(s) of activity {} failed: {}", failed.size(), failed.get(0).getActivityId(), reason);
    }
}
