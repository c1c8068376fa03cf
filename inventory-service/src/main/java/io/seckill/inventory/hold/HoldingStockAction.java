package io.seckill.inventory.hold;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.inventory.ledger.StockLedgerMapper;

import org.apache.seata.rm.tcc.api.BusinessActionContext;
import org.apache.seata.rm.tcc.api.BusinessActionContextParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Registered by class (component scan), not by a {@code @Bean} method: Seata's scanner proxies only
 * beans whose definition names their class. The parameters repeat {@code @BusinessActionContextParameter}
 * because Seata reads them from the implementing method too; without them phase two gets nulls.
 */
@Component
class HoldingStockAction implements HoldingStock {

    private static final Logger log = LoggerFactory.getLogger(HoldingStockAction.class);

    private final StockLedgerMapper ledgers;
    private final StockHoldMapper holds;

    HoldingStockAction(StockLedgerMapper ledgers, StockHoldMapper holds) {
        this.ledgers = ledgers;
        this.holds = holds;
    }

    @Override
    public void tryHold(@BusinessActionContextParameter(paramName = "orderId") long orderId,
            @BusinessActionContextParameter(paramName = "activityId") long activityId,
            @BusinessActionContextParameter(paramName = "quantity") int quantity) {
        String xid = org.apache.seata.core.context.RootContext.getXID();
        if (holds.insertFrozen(orderId, activityId, quantity, xid) == 0
                && holds.rearmCancelled(orderId, activityId, quantity, xid) == 0) {
            throw new ProblemException(ErrorCode.INVALID_STATE, "Order " + orderId + " already holds stock.");
        }
        if (ledgers.freeze(activityId, quantity) == 0) {
            // Rolled back with the fence row in the same local transaction; the global rollback follows.
            throw new InsufficientStock(activityId, quantity);
        }
    }

    @Override
    public boolean confirm(BusinessActionContext context) {
        Hold hold = Hold.of(context);
        if (holds.moveInTransaction(hold.orderId(), context.getXid(), "FROZEN", "RESERVED") == 1) {
            require(ledgers.reserveFrozen(hold.activityId(), hold.quantity()), "reserve", hold);
        }
        return true;
    }

    @Override
    public boolean cancel(BusinessActionContext context) {
        Hold hold = Hold.of(context);
        if (holds.moveInTransaction(hold.orderId(), context.getXid(), "FROZEN", "CANCELLED") == 1) {
            require(ledgers.unfreeze(hold.activityId(), hold.quantity()), "unfreeze", hold);
        }
        return true;
    }

    private static void require(int rows, String movement, Hold hold) {
        if (rows != 1) {
            // The hold says the units are frozen but the ledger disagrees: never paper over it.
            log.error("Ledger refused to {} {} unit(s) of activity {} for order {}", movement, hold.quantity(),
                    hold.activityId(), hold.orderId());
            throw new IllegalStateException("ledger out of step with hold of order " + hold.orderId());
        }
    }

    private record Hold(long orderId, long activityId, int quantity) {

        static Hold of(BusinessActionContext context) {
            return new Hold(number(context, "orderId"), number(context, "activityId"), (int) number(context, "quantity"));
        }

        private static long number(BusinessActionContext context, String name) {
            Object value = context.getActionContext(name);
            return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
        }
    }
}
