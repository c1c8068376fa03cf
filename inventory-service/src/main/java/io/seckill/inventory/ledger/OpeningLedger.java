package io.seckill.inventory.ledger;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;

import org.springframework.stereotype.Service;

/**
 * Publishing a sale opens its ledger of record with every unit available. Idempotent: opening again
 * with the same total changes nothing; with another total it is refused (the stock is already set).
 */
@Service
public class OpeningLedger {

    private final StockLedgerMapper ledgers;

    OpeningLedger(StockLedgerMapper ledgers) {
        this.ledgers = ledgers;
    }

    public StockLedger open(long activityId, int total) {
        ledgers.openIfAbsent(activityId, total);
        StockLedger ledger = ledgers.selectById(activityId);
        if (ledger.getTotal() != total) {
            throw new ProblemException(ErrorCode.INVALID_STATE, "The ledger of activity " + activityId
                    + " is already open with " + ledger.getTotal() + " units.");
        }
        return ledger;
    }

    public StockLedger read(long activityId) {
        StockLedger ledger = ledgers.selectById(activityId);
        if (ledger == null) {
            throw new ProblemException(ErrorCode.NOT_FOUND, "No ledger for activity " + activityId + ".");
        }
        return ledger;
    }
}
