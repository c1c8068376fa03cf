package io.seckill.order.placement;

import io.seckill.order.orders.Order;

import java.util.List;

import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.apache.seata.rm.tcc.api.LocalTCC;
import org.apache.seata.rm.tcc.api.TwoPhaseBusinessAction;

/**
 * order-service's part of placing a group of orders of one sale, a TCC participant beside inventory's:
 * Try records the group as PENDING in one statement (the semantic lock: visible, not yet payable), Confirm
 * makes every order of the global transaction CREATED and writes their CREATED events to the outbox in
 * the same local transaction, Cancel discards the pending rows so a redelivered request places them again
 * from scratch. Fence on.
 */
@LocalTCC
public interface RecordingOrders {

    String ACTION = "recordOrders";

    @TwoPhaseBusinessAction(name = ACTION, commitMethod = "confirm", rollbackMethod = "cancel", useTCCFence = true)
    void tryRecord(@BusinessActionContextParameter(paramName = "activityId") long activityId, List<Order> orders);

    boolean confirm(BusinessActionContext context);

    boolean cancel(BusinessActionContext context);
}
