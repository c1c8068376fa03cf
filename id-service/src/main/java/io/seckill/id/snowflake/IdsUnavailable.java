package io.seckill.id.snowflake;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;

/**
 * The generator refuses rather than risk a duplicate: no lease held, the clock is behind the last
 * issued time by more than the guard waits out, or the persisted reservation is used up. Answered 503.
 */
public class IdsUnavailable extends ProblemException {

    private final Reason reason;

    public IdsUnavailable(Reason reason, String detail) {
        super(ErrorCode.UNAVAILABLE, detail);
        this.reason = reason;
        getHeaders().set("Retry-After", "1");
    }

    public Reason reason() {
        return reason;
    }

    public enum Reason {
        NO_LEASE,
        CLOCK_BEHIND,
        RESERVATION_EXHAUSTED
    }
}
