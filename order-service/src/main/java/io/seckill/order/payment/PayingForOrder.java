package io.seckill.order.payment;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.common.event.OrderLifecycleEvent;
import io.seckill.order.events.OrderOutbox;
import io.seckill.order.inventory.InventoryClient;
import io.seckill.order.orders.Order;
import io.seckill.order.orders.OrderMapper;
import io.seckill.order.orders.OrderStatus;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shopper pays (a simulated provider that always approves). Only the owner can pay; paying is
 * idempotent; an order not awaiting payment is refused with 409 and nothing changes. Payment and the
 * timeout cancellation both flip the order from CREATED with a conditional update: exactly one wins. The
 * PAID event is written with the flip, in one local transaction.
 */
@Service
public class PayingForOrder {

    private final OrderMapper orders;
    private final OrderOutbox outbox;
    private final InventoryClient inventory;
    private final TransactionTemplate transactions;

    PayingForOrder(OrderMapper orders, OrderOutbox outbox, InventoryClient inventory, TransactionTemplate transactions) {
        this.orders = orders;
        this.outbox = outbox;
        this.inventory = inventory;
        this.transactions = transactions;
    }

    public Order pay(String userId, long orderId) {
        Order order = orders.selectById(orderId);
        if (order == null || !order.getUserId().equals(userId)) {
            // Someone else's order looks exactly like a missing one.
            throw new ProblemException(ErrorCode.NOT_FOUND, "No order " + orderId + " of yours.");
        }
        boolean paidNow = order.getStatus() == OrderStatus.CREATED && Boolean.TRUE.equals(transactions.execute(status -> {
            if (orders.transition(orderId, OrderStatus.CREATED, OrderStatus.PAID) != 1) {
                return false;
            }
            outbox.announce(OrderLifecycleEvent.PAID, orderId, null);
            return true;
        }));
        if (paidNow) {
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
        return order;
    }
}
