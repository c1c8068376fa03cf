package io.seckill.flashsale.purchase;

import io.seckill.common.error.ErrorCode;

/** Whether a sale takes purchases right now, and if not, the refusal every shopper gets. */
public enum SaleState {
    OPEN(null),
    NOT_STARTED(ErrorCode.NOT_STARTED),
    ENDED(ErrorCode.ENDED),
    PAUSED(ErrorCode.PAUSED),
    SOLD_OUT(ErrorCode.SOLD_OUT);

    private final ErrorCode refusal;

    SaleState(ErrorCode refusal) {
        this.refusal = refusal;
    }

    public ErrorCode refusal() {
        return refusal;
    }
}
