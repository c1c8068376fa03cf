package io.seckill.common.security;

import io.seckill.common.error.ErrorCode;
import io.seckill.common.error.Problems;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 as problem+json with the platform's codes, like every other refusal. */
final class ProblemAuthenticationHandlers {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemAuthenticationHandlers() {
    }

    static AuthenticationEntryPoint unauthenticated() {
        return (request, response, failure) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            write(request, response, ErrorCode.UNAUTHORIZED, request.getHeader(HttpHeaders.AUTHORIZATION) != null
                    ? "The bearer token is invalid or expired."
                    : "Send Authorization: Bearer <token>: this service verifies every caller itself.");
        };
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, denied) -> write(request, response, ErrorCode.FORBIDDEN,
                "Your role may not use " + request.getRequestURI() + ".");
    }

    /**
     * Spring Security's firewall refuses odd paths (encoded slashes or percent signs, {@code ..}, control
     * characters) before any controller: a 400 problem, not the container's JSON error page.
     */
    static RequestRejectedHandler rejected() {
        return (request, response, rejected) -> write(request, response, ErrorCode.VALIDATION_FAILED,
                "The request path or headers are not in canonical form.");
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String detail)
            throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", code.type().toString());
        problem.put("title", code.title());
        problem.put("status", code.status().value());
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        problem.put(Problems.CODE, code.name());
        response.setStatus(code.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(problem));
    }

}
