package io.seckill.common.error;

import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem details that always carry the platform's stable {@code code} member. */
public final class Problems {

    public static final String CODE = "code";

    private Problems() {
    }

    public static ProblemDetail of(ErrorCode code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), detail);
        return withCode(problem, code);
    }

    /** Stamps {@code type}, {@code title} and {@code code} onto a problem the framework already built. */
    public static ProblemDetail withCode(ProblemDetail problem, ErrorCode code) {
        problem.setType(code.type());
        problem.setTitle(code.title());
        problem.setProperty(CODE, code.name());
        return problem;
    }
}
