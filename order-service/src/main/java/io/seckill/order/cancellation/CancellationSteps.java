package io.seckill.order.cancellation;

import io.seckill.common.event.OrderLifecycleEvent;
import io.seckill.order.events.OrderEvents;
import io.seckill.order.placement.InventoryHolds;
import io.seckill.order.placement.Order;
import io.seckill.order.placement.OrderMapper;
import io.seckill.order.placement.OrderStatus;

import org.springframework.stereotype.Component;

/**
 * The steps of the cancel-unpaid-order saga (seata/saga/statelang/cancel-unpaid-order.json), each
 * idempotent so the engine may retry or resume it. The first step is the arbiter of the race with
 * payment: both flip the order from CREATED with a conditional update, so exactly one of them wins.
 */
@Component("cancellationSteps")
public class CancellationSteps {

    private final OrderMapper orders;
    private final InventoryHolds inventory;
    private final OrderEvents events;

    CancellationSteps(OrderMapper orders, InventoryHolds inventory, OrderEvents events) {
        this.orders = orders;
        this.inventory = inventory;
        this.events = events;
    }

    /** True if the order is (now, or already) cancelled; false if payment won and nothing is to be done. */
    public Boolean cancelOrder(Long orderId) {
        if (orders.transition(orderId, OrderStatus.CREATED, OrderStatus.CANCELLED) == 1) {
            return true;
        }
        Order order = orders.selectById(orderId);
        return order != null && order.getStatus() == OrderStatus.CANCELLED;
    }

    public void releaseInventory(Long orderId) {
        inventory.release(orderId);
    }

    public void announceCancellation(Long orderId) {
        events.announce(OrderLifecycleEvent.CANCELLED, orders.selectById(orderId), "payment timeout");
    }

    /** Compensation of cancelOrder. */
    public void restoreOrder(Long orderId) {
        orders.transition(orderId, OrderStatus.CANCELLED, OrderStatus.CREATED);
    }

    /** Compensation of releaseInventory. */
    public void reserveAgain(Long orderId) {
        inventory.reserveAgain(orderId);
    }
}
