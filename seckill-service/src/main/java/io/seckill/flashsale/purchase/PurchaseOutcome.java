package io.seckill.flashsale.purchase;

import io.seckill.common.error.ErrorCode;

/** What came of a purchase attempt: accepted with its order id, or refused with a stable code. */
public sealed interface PurchaseOutcome {

    record Accepted(long orderId, long remaining) implements PurchaseOutcome {
    }

    record Refused(ErrorCode code) implements PurchaseOutcome {
    }

    static PurchaseOutcome fromScript(String code, long remaining, long orderId) {
        return "ACCEPTED".equals(code) ? new Accepted(orderId, remaining) : new Refused(ErrorCode.valueOf(code));
    }

    /**
     * Whether nobody can buy from the sale after this: the last unit was taken, or one unit was asked for and
     * none was left (SOLD_OUT for several units may only mean "fewer than asked").
     */
    default boolean emptiesTheSale(int quantity) {
        return this instanceof Accepted accepted && accepted.remaining() == 0
                || this instanceof Refused refused && refused.code() == ErrorCode.SOLD_OUT && quantity == 1;
    }

    /** Whether a refusal says something about the sale for everyone, not only about this shopper's try. */
    default boolean closesTheSaleFor(int quantity) {
        if (!(this instanceof Refused refused)) {
            return false;
        }
        return switch (refused.code()) {
            case NOT_STARTED, ENDED, PAUSED, NOT_FOUND -> true;
            case SOLD_OUT -> quantity == 1;
            default -> false;
        };
    }
}
