package io.codac.ingest.web;

import io.r2dbc.pool.ConnectionPoolException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.server.ResponseStatusException;

import java.time.Duration;

/** Maps anything a request can fail with to the problem the client sees. */
public final class Problems {

    private Problems() {
    }

    /**
     * Our own {@link ProblemException}s pass through; errors the framework raised by status (unknown
     * route, unreadable body, ...) get the matching code; a database that cannot be reached or answer
     * in time is {@code 503} with {@code Retry-After} (the request could not be made durable, or
     * checked, now; it may well succeed later); anything else is an internal error whose detail
     * reveals nothing of our internals.
     */
    public static ProblemException from(Throwable error, String method, String path, Duration retryAfter) {
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
        if (isDatabaseUnavailable(error)) {
            return ProblemException.unavailable(
                    "the request could not be processed because our database is unavailable; retry later", retryAfter);
        }
        return new ProblemException(ProblemCode.INTERNAL_ERROR,
                "the request could not be processed because of an error on our side");
    }

    /**
     * The database is down, unreachable, overloaded or timed out — not a bug in our SQL. Spring's
     * translation names these {@link TransientDataAccessException} (timeouts, lock and transient resource
     * failures), {@link DataAccessResourceFailureException} (no connection: {@code ConnectionFactoryUtils}
     * wraps every failure to obtain one in it) and {@link RecoverableDataAccessException}; untranslated,
     * R2DBC says {@link R2dbcTransientException} (timeouts, including the pool's acquire timeout, and
     * rollbacks), {@link R2dbcNonTransientResourceException} (connection failures) or the pool's own
     * {@link ConnectionPoolException}; a transaction that cannot begin for want of a connection is a
 * {@link CannotCreateTransactionException}. Bad SQL, constraint violations and permissions stay internal errors.
     */
    static boolean isDatabaseUnavailable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TransientDataAccessException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof RecoverableDataAccessException
                    || cause instanceof R2dbcTransientException
                    || cause instanceof R2dbcNonTransientResourceException
                    || cause instanceof ConnectionPoolException
                    || cause instanceof CannotCreateTransactionException) {
                return true;
            }
        }
        return false;
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
