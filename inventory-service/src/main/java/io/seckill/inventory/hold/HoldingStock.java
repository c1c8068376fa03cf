package io.seckill.inventory.hold;

import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.apache.seata.rm.tcc.api.LocalTCC;
import org.apache.seata.rm.tcc.api.TwoPhaseBusinessAction;

/**
 * Inventory's part of placing an order, as a Seata TCC participant with the TCC fence on (Seata's
 * default is off): Try freezes units, Confirm reserves them, Cancel unfreezes them. The fence turns an
 * empty rollback into a no-op, refuses a Try that arrives after its Cancel (suspension) and makes a
 * repeated phase two a no-op; the conditional writes underneath would refuse a second movement anyway.
 */
@LocalTCC
public interface HoldingStock {

    String ACTION = "holdStock";

    @TwoPhaseBusinessAction(name = ACTION, commitMethod = "confirm", rollbackMethod = "cancel", useTCCFence = true)
    void tryHold(@BusinessActionContextParameter(paramName = "orderId") long orderId,
            @BusinessActionContextParameter(paramName = "activityId") long activityId,
            @BusinessActionContextParameter(paramName = "quantity") int quantity);

    boolean confirm(BusinessActionContext context);

    boolean cancel(BusinessActionContext context);
}
