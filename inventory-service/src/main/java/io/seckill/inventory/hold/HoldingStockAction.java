package io.seckill.inventory.hold;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.inventory.ledger.StockLedgerMapper;

import java.util.List;

import org.apache.seata.core.context.RootContext;
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
    public void tryHold(@BusinessActionContextParameter(paramName = "activityId") long activityId,
            @BusinessActionContextParameter(paramName = "units") int units, List<Hold> group) {
        String xid = RootContext.getXID();
        if (group.isEmpty() || units != group.stream().mapToInt(Hold::quantity).sum()) {
            throw new ProblemException(ErrorCode.VALIDATION_FAILED, "units must be the sum of the holds' quantities");
        }
        holds.freezeAll(activityId, group, xid);
        // An order already holding stock under another global transaction (a concurrent attempt) keeps it.
        int frozen = holds.countInTransaction(xid, "FROZEN");
        if (frozen != group.size()) {
            throw new ProblemException(ErrorCode.INVALID_STATE, (group.size() - frozen) + " of " + group.size()
                    + " orders already hold stock under another transaction.");
        }
        if (ledgers.freeze(activityId, units) == 0) {
            // Rolled back with the hold and fence rows in the same local transaction; the global rollback follows.
            throw new InsufficientStock(activityId, units, ledgers.available(activityId));
        }
    }

    @Override
    public boolean confirm(BusinessActionContext context) {
        Group group = Group.of(context);
        if (holds.moveTransaction(context.getXid(), "FROZEN", "RESERVED") > 0) {
            require(ledgers.reserveFrozen(group.activityId(), group.units()), "reserve", group, context.getXid());
        }
        return true;
    }

    @Override
    public boolean cancel(BusinessActionContext context) {
        Group group = Group.of(context);
        if (holds.moveTransaction(context.getXid(), "FROZEN", "CANCELLED") > 0) {
            require(ledgers.unfreeze(group.activityId(), group.units()), "unfreeze", group, context.getXid());
        }
        return true;
    }

    private static void require(int rows, String movement, Group group, String xid) {
        if (rows != 1) {
            // The holds say the units are frozen but the ledger disagrees: never paper over it.
            log.error("Ledger refused to {} {} unit(s) of activity {} for transaction {}", movement, group.units(),
                    group.activityId(), xid);
            throw new IllegalStateException("ledger out of step with the holds of transaction " + xid);
        }
    }

    private record Group(long activityId, int units) {

        static Group of(BusinessActionContext context) {
            return new Group(number(context, "activityId"), (int) number(context, "units"));
        }

        private static long number(BusinessActionContext context, String name) {
            Object value = context.getActionContext(name);
            return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
        }
    }
}
