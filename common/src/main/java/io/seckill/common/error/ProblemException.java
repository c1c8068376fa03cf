package io.seckill.common.error;

import org.springframework.web.ErrorResponseException;

/**
 * A refusal the platform explains to its caller: rendered as problem+json with the code's status (and
 * any headers added with {@link #withHeader}), by Spring MVC and WebFlux alike (it is an
 * {@link org.springframework.web.ErrorResponse}). It carries no stack trace: it is an answer, not a
 * fault, and a flash crowd's refusals would otherwise each walk the stack for nothing.
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

    /** Sends {@code name: value} with the problem. */
    public ProblemException withHeader(String name, String value) {
        getHeaders().set(name, value);
        return this;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }

    @Override
    public String getMessage() {
        return code + ": " + getBody().getDetail();
    }
}
