package io.seckill.inventory.hold;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.inventory.ledger.StockLedgerMapper;

import java.util.Collection;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * After placement: a paid order's units are sold; the units of cancelled orders go back on sale, a group at
 * a time (the timeout saga cancels in groups), with one ledger update per sale. Each is idempotent (asking
 * again moves nothing twice) and exclusive (a sold hold is never released).
 */
@Service
public class SettlingHolds {

    private final StockHoldMapper holds;
    private final StockLedgerMapper ledgers;

    SettlingHolds(StockHoldMapper holds, StockLedgerMapper ledgers) {
        this.holds = holds;
        this.ledgers = ledgers;
    }

    /** The hold of an order as the ledger keeps it. */
    public StockHoldMapper.StockHold held(long orderId) {
        StockHoldMapper.StockHold hold = holds.find(orderId);
        if (hold == null) {
            throw new ProblemException(ErrorCode.NOT_FOUND, "No stock is held for order " + orderId + ".");
        }
        return hold;
    }

    @Transactional
    public StockHoldMapper.StockHold sell(long orderId) {
        StockHoldMapper.StockHold hold = holds.find(orderId);
        if (hold == null) {
            throw new ProblemException(ErrorCode.NOT_FOUND, "No stock is held for order " + orderId + ".");
        }
        if (holds.move(orderId, "RESERVED", "SOLD") == 1) {
            if (ledgers.sellReserved(hold.activityId(), hold.quantity()) != 1) {
                throw new IllegalStateException("ledger out of step with hold of order " + orderId);
            }
            return holds.find(orderId);
        }
        StockHoldMapper.StockHold current = holds.find(orderId);
        if (!"SOLD".equals(current.state())) {
            throw new ProblemException(ErrorCode.INVALID_STATE, "Order " + orderId + "'s stock is " + current.state()
                    + "; it cannot be sold.");
        }
        return current;
    }

    /** Cancelled orders: their reserved units go back on sale. Returns what moved now (nothing on a repeat). */
    @Transactional
    public List<StockHoldMapper.Units> release(Collection<Long> orderIds) {
        return move(orderIds, "RESERVED", "RELEASED", false);
    }

    /** Compensation of a release (cancellation saga rolled back): the units are held for the orders again. */
    @Transactional
    public List<StockHoldMapper.Units> reserveAgain(Collection<Long> orderIds) {
        return move(orderIds, "RELEASED", "RESERVED", true);
    }

    private List<StockHoldMapper.Units> move(Collection<Long> orderIds, String from, String to, boolean fromAvailable) {
        List<StockHoldMapper.Units> units = holds.lockUnits(orderIds, from);
        for (StockHoldMapper.Units sale : units) {
            int moved = fromAvailable ? ledgers.reserveAvailable(sale.activityId(), sale.units())
                    : ledgers.releaseReserved(sale.activityId(), sale.units());
            if (moved != 1) {
                // Released units bought again in the meantime cannot be reserved again; rolled back whole.
                throw fromAvailable ? new ProblemException(ErrorCode.SOLD_OUT, "The released units of activity "
                        + sale.activityId() + " are gone.") : new IllegalStateException("ledger of activity "
                        + sale.activityId() + " out of step with its reserved holds");
            }
        }
        holds.moveOrders(orderIds, from, to);
        return units;
    }
}
