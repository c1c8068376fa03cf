package io.seckill.order.placement;

import java.math.BigDecimal;

import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.apache.seata.rm.tcc.api.LocalTCC;
import org.apache.seata.rm.tcc.api.TwoPhaseBusinessAction;

/**
 * order-service's part of placement, a TCC participant beside inventory's: Try records the order as
 * PENDING (the semantic lock: visible, not yet payable), Confirm makes it CREATED, Cancel discards the
 * pending row so a redelivered request can place it again from scratch. Fence on.
 */
@LocalTCC
public interface RecordingOrder {

    String ACTION = "recordOrder";

    @TwoPhaseBusinessAction(name = ACTION, commitMethod = "confirm", rollbackMethod = "cancel", useTCCFence = true)
    void tryRecord(@BusinessActionContextParameter(paramName = "orderId") long orderId,
            @BusinessActionContextParameter(paramName = "userId") String userId,
            @BusinessActionContextParameter(paramName = "activityId") long activityId,
            @BusinessActionContextParameter(paramName = "quantity") int quantity,
            @BusinessActionContextParameter(paramName = "unitPrice") BigDecimal unitPrice);

    boolean confirm(BusinessActionContext context);

    boolean cancel(BusinessActionContext context);
}
