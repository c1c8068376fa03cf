package io.seckill.inventory.hold;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;
import io.seckill.inventory.ledger.StockLedgerMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * After placement: a paid order's units are sold, a cancelled order's go back on sale. Both are
 * idempotent per order (asking again answers the same) and exclusive (a sold hold is never released).
 */
@Service
public class SettlingHolds {

    private final StockHoldMapper holds;
    private final StockLedgerMapper ledgers;

    SettlingHolds(StockHoldMapper holds, StockLedgerMapper ledgers) {
        this.holds = holds;
        this.ledgers = ledgers;
    }

    @Transactional
    public StockHoldMapper.StockHold sell(long orderId) {
        return settle(orderId, "SOLD");
    }

    @Transactional
    public StockHoldMapper.StockHold release(long orderId) {
        return settle(orderId, "RELEASED");
    }

    /** Compensation of a release (cancellation saga rolled back): the units are held for the order again. */
    @Transactional
    public StockHoldMapper.StockHold reserveAgain(long orderId) {
        StockHoldMapper.StockHold hold = holds.find(orderId);
        if (hold == null) {
            throw new ProblemException(ErrorCode.NOT_FOUND, "No stock is held for order " + orderId + ".");
        }
        if (holds.move(orderId, "RELEASED", "RESERVED") == 1) {
            if (ledgers.reserveAvailable(hold.activityId(), hold.quantity()) != 1) {
                throw new ProblemException(ErrorCode.SOLD_OUT, "The released units of order " + orderId + " are gone.");
            }
        }
        return holds.find(orderId);
    }

    private StockHoldMapper.StockHold settle(long orderId, String target) {
        StockHoldMapper.StockHold hold = holds.find(orderId);
        if (hold == null) {
            throw new ProblemException(ErrorCode.NOT_FOUND, "No stock is held for order " + orderId + ".");
        }
        if (holds.move(orderId, "RESERVED", target) == 1) {
            int moved = "SOLD".equals(target) ? ledgers.sellReserved(hold.activityId(), hold.quantity())
                    : ledgers.releaseReserved(hold.activityId(), hold.quantity());
            if (moved != 1) {
                throw new IllegalStateException("ledger out of step with hold of order " + orderId);
            }
            return holds.find(orderId);
        }
        StockHoldMapper.StockHold current = holds.find(orderId);
        if (!target.equals(current.state())) {
            throw new ProblemException(ErrorCode.INVALID_STATE, "Order " + orderId + "'s stock is " + current.state()
                    + "; it cannot become " + target + ".");
        }
        return current;
    }
}
