package io.seckill.common.error;

import java.net.URI;
import java.util.Locale;

import org.springframework.http.HttpStatus;

/**
 * The stable error codes of the platform's HTTP API. Clients branch on {@link #name()} (sent as the
 * problem's {@code code} member), never on titles or details, so a code is never renamed or reused.
 */
public enum ErrorCode {

    SOLD_OUT(HttpStatus.CONFLICT, "Sold out"),
    LIMIT_REACHED(HttpStatus.CONFLICT, "Per-user limit reached"),
    NOT_STARTED(HttpStatus.CONFLICT, "Sale has not started"),
    ENDED(HttpStatus.CONFLICT, "Sale has ended"),
    PAUSED(HttpStatus.CONFLICT, "Sale is paused"),
    INVALID_STATE(HttpStatus.CONFLICT, "Not allowed in the current state"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests"),
    TOKEN_INVALID(HttpStatus.FORBIDDEN, "Purchase token invalid or used"),
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "Invalid request"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "Authentication required"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "Forbidden"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Request body too large"),
    URI_TOO_LONG(HttpStatus.URI_TOO_LONG, "Request URI too long"),
    HEADERS_TOO_LARGE(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Request headers too large"),
    UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable"),
    /** A purchase the Redis master took but no replica confirmed in time: its result tells whether it stands. */
    PURCHASE_UNCONFIRMED(HttpStatus.SERVICE_UNAVAILABLE, "Purchase not confirmed"),
    UPSTREAM_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "A service did not answer in time"),
    INTERNAL(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private static final String TYPE_PREFIX = "urn:seckill:problem:";

    private final HttpStatus status;
    private final String title;

    ErrorCode(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem {@code type}: a URN per code, stable like the code itself. */
    public URI type() {
        return URI.create(TYPE_PREFIX + name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** The code for an error the framework raised by status alone (bad JSON, wrong method, no route...). */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 400 -> VALIDATION_FAILED;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 409 -> INVALID_STATE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 431 -> HEADERS_TOO_LARGE;
            case 502, 503 -> UNAVAILABLE;
            case 504 -> UPSTREAM_TIMEOUT;
            default -> status >= 500 ? INTERNAL : VALIDATION_FAILED;
        };
    }
}
