package io.seckill.inventory.hold;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;

/** The ledger of record has fewer available units than the order asks for: placement fails. */
public class InsufficientStock extends ProblemException {

    public InsufficientStock(long activityId, int quantity) {
        super(ErrorCode.SOLD_OUT, "The ledger of activity " + activityId + " has fewer than " + quantity + " available units.");
    }
}
