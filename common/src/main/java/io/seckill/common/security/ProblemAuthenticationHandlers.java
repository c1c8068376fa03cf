package io.seckill.common.security;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.ServletProblems;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/** 401 and 403 as problem+json with the platform's codes, like every other refusal. */
final class ProblemAuthenticationHandlers {

    private ProblemAuthenticationHandlers() {
    }

    static AuthenticationEntryPoint unauthenticated() {
        return (request, response, failure) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            ServletProblems.write(request, response, ErrorCode.UNAUTHORIZED, request.getHeader(HttpHeaders.AUTHORIZATION) != null
                    ? "The bearer token is invalid or expired."
                    : "Send Authorization: Bearer <token>: this service verifies every caller itself.");
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, denied) -> ServletProblems.write(request, response, ErrorCode.FORBIDDEN,
                "Your role may not use " + request.getRequestURI() + ".");
    }

    /**
     * Spring Security's firewall refuses odd paths (encoded slashes or percent signs, {@code ..}, control
     * characters) before any controller: a 400 problem, not the container's JSON error page.
     */
    static RequestRejectedHandler rejected() {
        return (request, response, rejected) -> ServletProblems.write(request, response, ErrorCode.VALIDATION_FAILED,
                "The request path or headers are not in canonical form.");
    }
}
