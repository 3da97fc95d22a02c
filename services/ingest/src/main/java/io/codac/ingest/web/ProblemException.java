package io.codac.ingest.web;

import java.time.Duration;

/**
 * Ends a request with a problem response. Handlers signal every client-visible error with it; the
 * rendering (status, media type, {@code Retry-After}, metrics) happens in one place.
 */
public class ProblemException extends RuntimeException {

    private final ProblemCode code;
    private final String field;
    private final Duration retryAfter;

    public ProblemException(ProblemCode code, String detail) {
        this(code, detail, null, null);
    }

    public ProblemException(ProblemCode code, String detail, String field) {
        this(code, detail, field, null);
    }

    public ProblemException(ProblemCode code, String detail, String field, Duration retryAfter) {
        super(detail, null, false, false); // an expected outcome: no stack trace to fill or log
        this.code = code;
        this.field = field;
        this.retryAfter = retryAfter;
    }

    public static ProblemException unavailable(String detail, Duration retryAfter) {
        return new ProblemException(ProblemCode.SERVICE_UNAVAILABLE, detail, null, retryAfter);
    }

    public ProblemCode code() {
        return code;
    }

    public String field() {
        return field;
    }

    /** {@code null} unless the client should retry after a pause. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
