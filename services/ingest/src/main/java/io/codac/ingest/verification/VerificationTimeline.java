package io.codac.ingest.verification;

import io.codac.ingest.verification.domain.VerificationView;
import io.codac.ingest.verification.domain.VerificationView.AttemptView;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Readable;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

import java.time.LocalDateTime;
import java.util.List;

import static io.codac.support.sql.SqlValues.instant;

/**
 * Reads reporting's query model, {@code verification_timeline} and {@code call_legs}. Ingest never
 * writes these tables (reporting owns and migrates them); it only reads them, always scoped to the
 * calling client. Until reporting has migrated, the tables do not exist, which reads as "no row yet".
 * A missed call's dial-in number is not reporting's: it comes from ingest's own accepted record (kept for the
 * idempotency retention, longer than any verification lives).
 */
class VerificationTimeline {

    /** MySQL/MariaDB ER_NO_SUCH_TABLE. */
    private static final int NO_SUCH_TABLE = 1146;

    private final DatabaseClient db;

    VerificationTimeline(DatabaseClient db) {
        this.db = db;
    }

    Mono<VerificationView> find(String verificationId, String clientId) {
        return db.sql("""
                        SELECT t.verification_id, t.phone_number, t.method, a.dial_in_number, t.client_ref,
                               t.status, t.reason, t.requested_at, t.expires_at, t.completed_at
                        FROM verification_timeline t
                        LEFT JOIN accepted_verifications a ON a.verification_id = t.verification_id
                        WHERE t.verification_id = :verificationId AND t.client_id = :clientId""")
                .bind("verificationId", verificationId)
                .bind("clientId", clientId)
                .map(VerificationTimeline::readVerification)
                .one()
                .flatMap(view -> attempts(verificationId).map(attempts -> withAttempts(view, attempts)))
                .onErrorResume(VerificationTimeline::isMissingTable, e -> Mono.empty());
    }

    private Mono<List<AttemptView>> attempts(String verificationId) {
        // a REJECTED leg was handed back by the adapter (no capacity) and never dialed: not an attempt.
        // Attempts without a number (not yet matched to the scheduler's count) come last, in time order.
        return db.sql("""
                        SELECT attempt_id, attempt_number, started_at, ringing_at, answered_at, ended_at,
                               q850_cause, cause_text, outcome
                        FROM call_legs
                        WHERE verification_id = :verificationId AND state <> 'REJECTED'
                        ORDER BY CASE WHEN attempt_number IS NULL THEN 1 ELSE 0 END, attempt_number,
                                 started_at, attempt_id""")
                .bind("verificationId", verificationId)
                .map(VerificationTimeline::readAttempt)
                .all()
                .collectList();
    }

    private static VerificationView withAttempts(VerificationView v, List<AttemptView> attempts) {
        return new VerificationView(v.id(), v.status(), v.phoneNumber(), v.method(), v.dialInNumber(), v.clientRef(),
                v.createdAt(), v.expiresAt(), v.completedAt(), v.reason(), attempts);
    }

    private static VerificationView readVerification(Readable row) {
        return new VerificationView(
                row.get("verification_id", String.class),
                row.get("status", String.class),
                row.get("phone_number", String.class),
                row.get("method", String.class),
                row.get("dial_in_number", String.class),
                row.get("client_ref", String.class),
                instant(row.get("requested_at", LocalDateTime.class)),
                instant(row.get("expires_at", LocalDateTime.class)),
                instant(row.get("completed_at", LocalDateTime.class)),
                row.get("reason", String.class),
                List.of());
    }

    private static AttemptView readAttempt(Readable row) {
        return new AttemptView(
                row.get("attempt_id", String.class),
                row.get("attempt_number", Integer.class),
                instant(row.get("started_at", LocalDateTime.class)),
                instant(row.get("ringing_at", LocalDateTime.class)),
                instant(row.get("answered_at", LocalDateTime.class)),
                instant(row.get("ended_at", LocalDateTime.class)),
                row.get("q850_cause", Integer.class),
                row.get("cause_text", String.class),
                row.get("outcome", String.class));
    }

    static boolean isMissingTable(Throwable error) {
        if (!(error instanceof DataAccessException)) {
            return false;
        }
        return NestedExceptionUtils.getMostSpecificCause(error) instanceof R2dbcException r2dbc
                && r2dbc.getErrorCode() == NO_SUCH_TABLE;
    }
}
