package io.seckill.inventory.hold;

import java.util.List;

import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.apache.seata.rm.tcc.api.LocalTCC;
import org.apache.seata.rm.tcc.api.TwoPhaseBusinessAction;

/**
 * Inventory's part of placing a group of orders of one sale, as a Seata TCC participant with the TCC fence
 * on (Seata's default is off): Try freezes the group's units with one conditional update of the ledger
 * row (a merged deduction) and one hold row per order; Confirm reserves them and Cancel unfreezes them,
 * both by the global transaction's XID. The fence turns an empty rollback into a no-op, refuses a Try that
 * arrives after its Cancel (suspension) and makes a repeated phase two a no-op; the conditional writes
 * underneath would refuse a second movement anyway.
 */
@LocalTCC
public interface HoldingStock {

    String ACTION = "holdStock";

    @TwoPhaseBusinessAction(name = ACTION, commitMethod = "confirm", rollbackMethod = "cancel", useTCCFence = true)
    void tryHold(@BusinessActionContextParameter(paramName = "activityId") long activityId,
            @BusinessActionContextParameter(paramName = "units") int units, List<Hold> holds);

    boolean confirm(BusinessActionContext context);

    boolean cancel(BusinessActionContext context);

    /** One order's units in a group; {@code units} of the Try is their sum. */
    record Hold(long orderId, int quantity) {
    }
}
