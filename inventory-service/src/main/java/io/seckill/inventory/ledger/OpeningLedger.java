package io.seckill.inventory.ledger;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.stereotype.Service;

/**
 * Publishing a sale opens its ledger of record with every unit available and the sale's terms. Idempotent:
 * opening again with the same total changes nothing (the first terms stay); with another total it is
 * refused (the stock is already set).
 */
@Service
public class OpeningLedger {

    private final StockLedgerMapper ledgers;

    OpeningLedger(StockLedgerMapper ledgers) {
        this.ledgers = ledgers;
    }

    public StockLedger open(long activityId, SaleTerms terms) {
        ledgers.openIfAbsent(activityId, new SaleTerms(terms.total(), terms.perUserLimit(),
                terms.startAt().truncatedTo(ChronoUnit.SECONDS), wholeSecondAtOrAfter(terms.endAt())));
        StockLedger ledger = ledgers.selectById(activityId);
        if (ledger.getTotal() != terms.total()) {
            throw new ProblemException(ErrorCode.INVALID_STATE, "The ledger of activity " + activityId
                    + " is already open with " + ledger.getTotal() + " units.");
        }
        return ledger;
    }

    /**
     * The operator ended the sale at {@code endedAt}: requests stamped later are no purchases. Idempotent, and
     * a window never grows (an end after the scheduled one changes nothing).
     */
    public StockLedger end(long activityId, Instant endedAt) {
        read(activityId);
        ledgers.endAt(activityId, wholeSecondAtOrAfter(endedAt));
        return read(activityId);
    }

    /**
     * The ledger keeps whole seconds (mysql-connector-j sends no fraction to MariaDB 10.x), so a window is kept
     * widened to them: never closing before Redis closed it, which would refuse a purchase Redis accepted.
     */
    private static Instant wholeSecondAtOrAfter(Instant instant) {
        Instant second = instant.truncatedTo(ChronoUnit.SECONDS);
        return second.equals(instant) ? second : second.plusSeconds(1);
    }

    public StockLedger read(long activityId) {
        StockLedger ledger = ledgers.selectById(activityId);
        if (ledger == null) {
            throw new ProblemException(ErrorCode.NOT_FOUND, "No ledger for activity " + activityId + ".");
        }
        return ledger;
    }
}
