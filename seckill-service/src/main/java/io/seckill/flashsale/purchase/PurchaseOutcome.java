package io.seckill.flashsale.purchase;

import io.seckill.common.error.ErrorCode;

/** What came of a purchase attempt: accepted with its order id, or refused with a stable code. */
public sealed interface PurchaseOutcome {

    record Accepted(long orderId, long remaining) implements PurchaseOutcome {
    }

    record Refused(ErrorCode code) implements PurchaseOutcome {
    }

    /**
     * Taken by the Redis master but not confirmed by the replicas asked for in time (a failover now could forget
     * it), or Redis did not answer at all ({@code remaining} -1): not acknowledged either way. If Redis keeps it,
     * it becomes an order like any other; the shopper learns which by polling its result.
     */
    record Unconfirmed(long orderId, long remaining) implements PurchaseOutcome {
    }

    static PurchaseOutcome fromScript(String code, long remaining, long orderId, boolean replicated) {
        if (!"ACCEPTED".equals(code)) {
            return new Refused(ErrorCode.valueOf(code));
        }
        return replicated ? new Accepted(orderId, remaining) : new Unconfirmed(orderId, remaining);
    }

    /** The code this outcome is counted and answered under: {@code null} for an accepted purchase. */
    default ErrorCode code() {
        return this instanceof Unconfirmed ? ErrorCode.PURCHASE_UNCONFIRMED : null; // Refused answers its own
    }

    /**
     * Whether nobody can buy from the sale after this: the last unit was taken, or one unit was asked for and
     * none was left (SOLD_OUT for several units may only mean "fewer than asked").
     */
    default boolean emptiesTheSale(int quantity) {
        return this instanceof Accepted accepted && accepted.remaining() == 0
                || this instanceof Unconfirmed unconfirmed && unconfirmed.remaining() == 0
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
