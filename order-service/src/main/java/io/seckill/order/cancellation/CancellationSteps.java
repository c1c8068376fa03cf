package io.seckill.order.cancellation;

import io.seckill.order.events.OrderOutbox;
import io.seckill.order.inventory.InventoryClient;
import io.seckill.order.orders.OrderMapper;

import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The steps of the cancel-unpaid-orders saga (seata/saga/statelang/cancel-unpaid-orders.json). The first
 * step cancels a group of unpaid orders and marks each with the saga's key; every later step (and a
 * compensation) finds the same orders by that key, so each is idempotent and a resumed saga finishes
 * exactly its own group. The first step is also the arbiter of the race with payment: both flip an order
 * from CREATED with a conditional update, so exactly one of them wins.
 */
@Component("cancellationSteps")
public class CancellationSteps {

    private final OrderMapper orders;
    private final InventoryClient inventory;
    private final OrderOutbox outbox;
    private final TransactionTemplate transaction;

    CancellationSteps(OrderMapper orders, InventoryClient inventory, OrderOutbox outbox, TransactionTemplate transaction) {
        this.orders = orders;
        this.inventory = inventory;
        this.outbox = outbox;
        this.transaction = transaction;
    }

    /** How many orders the saga cancelled: those it marked before (it is being resumed), else a new group. */
    public Integer cancelOrders(String key, Long cutoffMillis, Long activityId, Long orderId, Integer limit) {
        int already = orders.cancelledBy(key).size();
        if (already > 0) {
            return already;
        }
        return transaction.execute(status -> {
            List<Long> due = orders.lockDueUnpaid(cutoffMillis, activityId, orderId, limit);
            return due.isEmpty() ? 0 : orders.cancelUnpaid(key, due);
        });
    }

    public void releaseInventory(String key) {
        List<Long> cancelled = orders.cancelledBy(key);
        if (!cancelled.isEmpty()) {
            inventory.release(cancelled);
        }
    }

    /** The CANCELLED events, which return the units to the Redis counter once the ledger has them back. */
    public void announceCancellations(String key) {
        outbox.announceCancelled(key);
    }

    /** Compensation of cancelOrders. */
    public void restoreOrders(String key) {
        orders.restoreCancelledBy(key);
    }

    /** Compensation of releaseInventory. */
    public void reserveAgain(String key) {
        List<Long> cancelled = orders.cancelledBy(key);
        if (!cancelled.isEmpty()) {
            inventory.reserveAgain(cancelled);
        }
    }
}
