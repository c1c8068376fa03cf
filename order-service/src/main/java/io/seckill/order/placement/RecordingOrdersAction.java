package io.seckill.order.placement;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.order.events.OrderOutbox;
import io.seckill.order.orders.Order;
import io.seckill.order.orders.OrderMapper;

import java.util.List;

import org.apache.seata.core.context.RootContext;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.springframework.stereotype.Component;

/** Component-scanned (Seata proxies only beans registered by class); parameters annotated here too. */
@Component
class RecordingOrdersAction implements RecordingOrders {

    private final OrderMapper orders;
    private final OrderOutbox outbox;

    RecordingOrdersAction(OrderMapper orders, OrderOutbox outbox) {
        this.orders = orders;
        this.outbox = outbox;
    }

    @Override
    public void tryRecord(@BusinessActionContextParameter(paramName = "activityId") long activityId, List<Order> group) {
        int recorded = orders.insertPending(group, RootContext.getXID());
        if (recorded != group.size()) {
            // Another attempt recorded some of them meanwhile: this one is rolled back and retried later.
            throw new ProblemException(ErrorCode.INVALID_STATE, (group.size() - recorded) + " of " + group.size()
                    + " orders are already recorded.");
        }
    }

    @Override
    public boolean confirm(BusinessActionContext context) {
        if (orders.confirmPending(context.getXid()) > 0) {
            outbox.announceCreated(context.getXid());
        }
        return true;
    }

    @Override
    public boolean cancel(BusinessActionContext context) {
        orders.discardPending(context.getXid());
        return true;
    }
}
