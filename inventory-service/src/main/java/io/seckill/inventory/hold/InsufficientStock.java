package io.seckill.inventory.hold;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;

/**
 * The ledger of record has fewer available units than a group of orders asks for: that placement fails.
 * The problem names what is available ({@code available}), so the caller can settle smaller groups.
 */
public class InsufficientStock extends ProblemException {

    public InsufficientStock(long activityId, int units, int available) {
        super(ErrorCode.SOLD_OUT, "The ledger of activity " + activityId + " has " + available + " available units, fewer than "
                + units + ".");
        getBody().setProperty("available", available);
    }
}
