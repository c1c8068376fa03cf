package io.seckill.order.placement;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;

import java.math.BigDecimal;

import org.apache.seata.core.context.RootContext;
import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.springframework.stereotype.Component;

/** Component-scanned (Seata proxies only beans registered by class); parameters annotated here too. */
@Component
class RecordingOrderAction implements RecordingOrder {

    private final OrderMapper orders;

    RecordingOrderAction(OrderMapper orders) {
        this.orders = orders;
    }

    @Override
    public void tryRecord(@BusinessActionContextParameter(paramName = "orderId") long orderId,
            @BusinessActionContextParameter(paramName = "userId") String userId,
            @BusinessActionContextParameter(paramName = "activityId") long activityId,
            @BusinessActionContextParameter(paramName = "quantity") int quantity,
            @BusinessActionContextParameter(paramName = "unitPrice") BigDecimal unitPrice) {
        Order order = new Order(orderId, userId, activityId, quantity, unitPrice, OrderStatus.PENDING);
        if (orders.insertPending(order, RootContext.getXID()) == 0) {
            throw new ProblemException(ErrorCode.INVALID_STATE, "Order " + orderId + " is already recorded.");
        }
    }

    @Override
    public boolean confirm(BusinessActionContext context) {
        orders.confirmPending(orderId(context), context.getXid());
        return true;
    }

    @Override
    public boolean cancel(BusinessActionContext context) {
        orders.discardPending(orderId(context), context.getXid());
        return true;
    }

    private static long orderId(BusinessActionContext context) {
        Object value = context.getActionContext("orderId");
        return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
    }
}
