package io.codac.ingest.web;

import org.springframework.http.HttpStatus;

import java.util.Locale;

/**
 * Every error the gateway answers, with its HTTP status and a title. {@link #code()} is the stable,
 * machine-readable name clients switch on; it never changes for an existing error.
 */
public enum ProblemCode {
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "Malformed request"),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED, "Unauthorized"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    IDEMPOTENCY_CONFLICT(HttpStatus.CONFLICT, "Idempotency key reused with a different request"),
    PAYLOAD_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    INVALID_PHONE_NUMBER(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid phone number"),
    UNSUPPORTED_NUMBER_TYPE(HttpStatus.UNPROCESSABLE_ENTITY, "Unsupported number type"),
    UNSUPPORTED_METHOD(HttpStatus.UNPROCESSABLE_ENTITY, "Unsupported verification method"),
    RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Rate limit exceeded"),
    NUMBER_RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many requests for this phone number"),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    /** Problem types are URNs: stable identifiers that do not pretend to be web pages. */
    public static final String TYPE_PREFIX = "urn:codac:problem:";

    private final HttpStatus status;
    private final String title;

    ProblemCode(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** e.g. {@code invalid_phone_number} */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String type() {
        return TYPE_PREFIX + code();
    }

    /** The code for an HTTP status the framework chose (unknown route, wrong method, ...). */
    public static ProblemCode forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 503 -> SERVICE_UNAVAILABLE;
            default -> INTERNAL_ERROR;
        };
    }
}
