package io.codac.ingest.web;

import io.r2dbc.pool.ConnectionPoolException;
import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTimeoutException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.r2dbc.BadSqlGrammarException;
import org.springframework.r2dbc.UncategorizedR2dbcException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** A database we cannot reach is a 503 the client can retry; a bug in our SQL stays a 500. */
class ProblemsTest {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static ProblemException problem(Throwable error) {
        return Problems.from(error, "POST", "/v1/verifications", RETRY_AFTER);
    }

    @Test
    void noConnectionToTheDatabaseIsUnavailableWithRetryAfter() {
        ProblemException problem = problem(new DataAccessResourceFailureException("Failed to obtain R2DBC Connection",
                new R2dbcNonTransientResourceException("Connection refused")));

        assertThat(problem.code()).isEqualTo(ProblemCode.SERVICE_UNAVAILABLE);
        assertThat(problem.retryAfter()).isEqualTo(RETRY_AFTER);
        assertThat(problem.getMessage()).doesNotContain("refused");
    }

    @Test
    void timeoutsAndTransientFailuresAreUnavailable() {
        assertThat(problem(new QueryTimeoutException("statement timed out")).code())
                .isEqualTo(ProblemCode.SERVICE_UNAVAILABLE);
        assertThat(problem(new TransientDataAccessResourceException("server is shutting down")).code())
                .isEqualTo(ProblemCode.SERVICE_UNAVAILABLE);
        assertThat(problem(new R2dbcTimeoutException("pool acquire timed out")).code())
                .isEqualTo(ProblemCode.SERVICE_UNAVAILABLE);
        assertThat(problem(new R2dbcTransientResourceException("too many connections")).code())
                .isEqualTo(ProblemCode.SERVICE_UNAVAILABLE);
        assertThat(problem(new ConnectionPoolException("pool closed")).code())
                .isEqualTo(ProblemCode.SERVICE_UNAVAILABLE);
        assertThat(problem(new UncategorizedR2dbcException("select", "sql",
                new R2dbcNonTransientResourceException("connection reset"))).code())
                .isEqualTo(ProblemCode.SERVICE_UNAVAILABLE);
    }

    @Test
    void bugsInOurSqlStayInternalErrors() {
        assertThat(problem(new BadSqlGrammarException("select", "SELEC 1", new R2dbcBadGrammarException("syntax"))).code())
                .isEqualTo(ProblemCode.INTERNAL_ERROR);
        assertThat(problem(new DataIntegrityViolationException("duplicate")).code())
                .isEqualTo(ProblemCode.INTERNAL_ERROR);
        assertThat(problem(new IllegalStateException("a bug")).code()).isEqualTo(ProblemCode.INTERNAL_ERROR);
    }
}
