package io.seckill.ids.client;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ProblemException;

/** No id could be handed out: the buffer is empty and id-service has not answered. A 503 to callers. */
public class IdsUnavailableException extends ProblemException {

    public IdsUnavailableException(String detail) {
        super(ErrorCode.UNAVAILABLE, detail);
        getHeaders().set("Retry-After", "1");
    }
}
