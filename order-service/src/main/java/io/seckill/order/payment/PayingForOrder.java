package io.seckill.order.payment;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.common.event.OrderLifecycleEvent;
import io.seckill.order.events.OrderEvents;
import io.seckill.order.placement.InventoryHolds;
import io.seckill.order.placement.Order;
import io.seckill.order.placement.OrderMapper;
import io.seckill.order.placement.OrderStatus;

import org.springframework.stereotype.Service;

/**
 * The shopper pays (a simulated provider that always approves). Only the owner can pay; paying is
 * idempotent; an order not awaiting payment is refused with 409 and nothing changes. Payment and the
 * timeout cancellation both flip the order from CREATED with a conditional update: exactly one wins.
 */
@Service
public class PayingForOrder {

    private final OrderMapper orders;
    private final InventoryHolds inventory;
    private final OrderEvents events;

    PayingForOrder(OrderMapper orders, InventoryHolds inventory, OrderEvents events) {
        this.orders = orders;
        this.inventory = inventory;
        this.events = events;
    }

    public Order pay(String userId, long orderId) {
        Order order = orders.selectById(orderId);
        if (order == null || !order.getUserId().equals(userId)) {
            // Someone else's order looks exactly like a missing one.
            throw new ProblemException(ErrorCode.NOT_FOUND, "No order " + orderId + " of yours.");
        }
        if (order.getStatus() == OrderStatus.CREATED
                && orders.transition(orderId, OrderStatus.CREATED, OrderStatus.PAID) == 1) {
            order.setStatus(OrderStatus.PAID);
        } else {
            order = orders.selectById(orderId);
            if (order.getStatus() != OrderStatus.PAID) {
                throw new ProblemException(ErrorCode.INVALID_STATE, "Order " + orderId + " is " + order.getStatus()
                        + " and cannot be paid" + (order.getStatus() == OrderStatus.CANCELLED ? " any more." : " yet."));
            }
        }
        // Paid: sell the units (idempotent, so a retried payment finishes what a failed one started).
        inventory.sell(orderId);
        events.announce(OrderLifecycleEvent.PAID, order, null);
        return order;
    }
}
