package io.seckill.common.error;

import org.springframework.web.ErrorResponseException;

/**
 * A refusal the platform explains to its caller: rendered as problem+json with the code's status,
 * by Spring MVC and WebFlux alike (it is an {@link org.springframework.web.ErrorResponse}).
 */
public class ProblemException extends ErrorResponseException {

    private final ErrorCode code;

    public ProblemException(ErrorCode code, String detail) {
        super(code.status(), Problems.of(code, detail), null);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    @Override
    public String getMessage() {
        return code + ": " + getBody().getDetail();
    }
}
