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
}
