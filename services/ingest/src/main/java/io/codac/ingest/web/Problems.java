package io.codac.ingest.web;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.web.server.ResponseStatusException;

/** Maps anything a request can fail with to the problem the client sees. */
public final class Problems {

    private Problems() {
    }

    /**
     * Our own {@link ProblemException}s pass through; errors the framework raised by status (unknown
     * route, unreadable body, ...) get the matching code; anything else is an internal error whose
     * detail reveals nothing of our internals.
     */
    public static ProblemException from(Throwable error, String method, String path) {
        if (error instanceof ProblemException problem) {
            return problem;
        }
        if (error instanceof DataBufferLimitException) {
            return new ProblemException(ProblemCode.PAYLOAD_TOO_LARGE, "the request body is too large");
        }
        if (error instanceof ResponseStatusException status) {
            ProblemCode code = ProblemCode.forStatus(status.getStatusCode().value());
            return new ProblemException(code, frameworkDetail(code, status, method, path));
        }
        return new ProblemException(ProblemCode.INTERNAL_ERROR,
                "the request could not be processed because of an error on our side");
    }

    private static String frameworkDetail(ProblemCode code, ResponseStatusException status, String method, String path) {
        return switch (code) {
            case NOT_FOUND -> "there is no resource at " + method + " " + path;
            case METHOD_NOT_ALLOWED -> method + " is not allowed on " + path;
            case INTERNAL_ERROR -> "the request could not be processed because of an error on our side";
            default -> status.getReason() != null ? status.getReason() : code.title();
        };
    }
}
