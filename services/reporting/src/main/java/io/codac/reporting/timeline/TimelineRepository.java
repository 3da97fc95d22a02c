package io.codac.reporting.timeline;

import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.domain.VerificationStatus;
import io.codac.contracts.event.VerificationCompleted;
import io.codac.contracts.event.VerificationRequested;
import io.codac.reporting.timeline.domain.LegChange;
import io.codac.reporting.timeline.domain.LegState;
import io.codac.reporting.timeline.domain.StatusPrecedence;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

import static io.codac.support.sql.SqlValues.bindNullable;
import static io.codac.support.sql.SqlValues.utc;

/**
 * The timeline's SQL. Every write is a single statement that is harmless to repeat: inserts are
 * upserts that keep the first value of each field, and status and state changes are conditional
 * updates whose guards come from the domain's precedence rules. Statements run in autocommit; the
 * order in which {@link TimelineProjector} issues them is what keeps concurrent consumers consistent
 * (a rare lock conflict between two consumers fails one statement, and the listener's retry repeats
 * the whole, idempotent, projection). Plain SQL meant for MariaDB and MySQL 8 alike; the build tests
 * it on MariaDB 10.11.
 */
class TimelineRepository {

    private static final int CAUSE_TEXT_MAX = 128;
    private static final int REASON_MAX = 255;

    private static final String INSERT_REQUESTED = """
            INSERT INTO verification_timeline
              (verification_id, client_id, phone_number, method, client_ref, status, requested_at, expires_at, updated_at)
            VALUES (:id, :clientId, :phoneNumber, :method, :clientRef, 'PENDING', :requestedAt, :expiresAt, :now)
            ON DUPLICATE KEY UPDATE
              client_ref = COALESCE(client_ref, :clientRef),
              expires_at = COALESCE(expires_at, :expiresAt)
            """;

    private static final String START_IF_LEGS_EXIST = """
            UPDATE verification_timeline SET status = 'IN_PROGRESS', updated_at = :now
            WHERE verification_id = :id AND %s
              AND EXISTS (SELECT 1 FROM call_legs WHERE call_legs.verification_id = :id)
            """.formatted(in("status", StatusPrecedence.replacedBy(VerificationStatus.IN_PROGRESS)));

    private static final String START = """
            UPDATE verification_timeline SET status = 'IN_PROGRESS', updated_at = :now
            WHERE verification_id = :id AND %s
            """.formatted(in("status", StatusPrecedence.replacedBy(VerificationStatus.IN_PROGRESS)));

    private static final String COMPLETE = """
            UPDATE verification_timeline
            SET status = :status, reason = :reason, completed_at = :completedAt, updated_at = :now
            WHERE verification_id = :id AND %s
            """.formatted(in("status", StatusPrecedence.replacedByAnyVerdict()));

    private static final String PARK_RESULT_IF_NO_TIMELINE = """
            INSERT INTO results_awaiting_request (verification_id, status, reason, completed_at, received_at)
            SELECT :id, :status, :reason, :completedAt, :now FROM DUAL
            WHERE NOT EXISTS (SELECT 1 FROM verification_timeline WHERE verification_id = :id)
            ON DUPLICATE KEY UPDATE verification_id = results_awaiting_request.verification_id
            """;

    private static final String APPLY_PARKED_RESULT = """
            UPDATE verification_timeline t
              JOIN results_awaiting_request r ON r.verification_id = t.verification_id
            SET t.status = r.status, t.reason = r.reason, t.completed_at = r.completed_at, t.updated_at = :now
            WHERE t.verification_id = :id AND %s
            """.formatted(in("t.status", StatusPrecedence.replacedByAnyVerdict()));

    private static final String FORGET_PARKED_RESULT = "DELETE FROM results_awaiting_request WHERE verification_id = :id";

    /** One upsert per target state: the state guard is a literal list taken from {@link LegState#superseded()}. */
    private static final Map<LegState, String> UPSERT_LEG = new EnumMap<>(LegState.class);

    static {
        for (LegState state : LegState.values()) {
            UPSERT_LEG.put(state, """
                    INSERT INTO call_legs
                      (attempt_id, verification_id, attempt_number, trunk_id, server_id, state,
                       started_at, ringing_at, answered_at, ended_at, q850_cause, cause_text, outcome)
                    VALUES (:attemptId, :verificationId, :attemptNumber, :trunkId, :serverId, :state,
                       :startedAt, :ringingAt, :answeredAt, :endedAt, :q850Cause, :causeText, :outcome)
                    ON DUPLICATE KEY UPDATE
                      attempt_number = COALESCE(attempt_number, :attemptNumber),
                      state = CASE WHEN %s THEN :state ELSE state END,
                      started_at = COALESCE(started_at, :startedAt),
                      ringing_at = COALESCE(ringing_at, :ringingAt),
                      answered_at = COALESCE(answered_at, :answeredAt),
                      ended_at = COALESCE(ended_at, :endedAt),
                      q850_cause = COALESCE(q850_cause, :q850Cause),
                      cause_text = COALESCE(cause_text, :causeText),
                      outcome = COALESCE(outcome, :outcome)
                    """.formatted(in("state", state.superseded())));
        }
    }

    private final DatabaseClient db;
    private final Clock clock;

    TimelineRepository(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The timeline row of a new request, {@code PENDING}; a repeated request only fills fields still empty. */
    Mono<Void> insertRequested(VerificationRequested request) {
        Instant requestedAt = request.occurredAt() != null ? request.occurredAt() : clock.instant();
        // The API's default method: ingest always sets it, this keeps a record without it projectable.
        VerificationMethod method = request.method() != null ? request.method() : VerificationMethod.FLASH_CALL;
        GenericExecuteSpec spec = db.sql(INSERT_REQUESTED)
                .bind("id", request.verificationId())
                .bind("clientId", request.clientId())
                .bind("phoneNumber", request.phoneNumber())
                .bind("method", method.name())
                .bind("requestedAt", utc(requestedAt))
                .bind("now", now());
        spec = bindNullable(spec, "clientRef", request.clientRef(), String.class);
        spec = bindNullable(spec, "expiresAt", utc(request.expiresAt()), LocalDateTime.class);
        return run(spec);
    }

    /** {@code PENDING → IN_PROGRESS} when legs of the verification are already known. */
    Mono<Void> startIfLegsExist(String verificationId) {
        return run(db.sql(START_IF_LEGS_EXIST).bind("id", verificationId).bind("now", now()));
    }

    /** {@code PENDING → IN_PROGRESS}; a no-op when the verification is unknown or already further. */
    Mono<Void> start(String verificationId) {
        return run(db.sql(START).bind("id", verificationId).bind("now", now()));
    }

    /** The verdict onto the timeline, unless the row is missing or already has a verdict; true when it was written. */
    Mono<Boolean> complete(VerificationCompleted result) {
        return bindResult(db.sql(COMPLETE), result).fetch().rowsUpdated().map(rows -> rows > 0);
    }

    /** Keeps a verdict whose request has no timeline row yet, for {@link #applyParkedResult} to apply. */
    Mono<Void> parkResultIfNoTimeline(VerificationCompleted result) {
        return run(bindResult(db.sql(PARK_RESULT_IF_NO_TIMELINE), result));
    }

    Mono<Void> applyParkedResult(String verificationId) {
        return run(db.sql(APPLY_PARKED_RESULT).bind("id", verificationId).bind("now", now()));
    }

    Mono<Void> forgetParkedResult(String verificationId) {
        return run(db.sql(FORGET_PARKED_RESULT).bind("id", verificationId));
    }

    Mono<Void> upsertLeg(LegChange leg) {
        GenericExecuteSpec spec = db.sql(UPSERT_LEG.get(leg.state()))
                .bind("attemptId", leg.attemptId())
                .bind("verificationId", leg.verificationId())
                .bind("trunkId", leg.trunkId())
                .bind("serverId", leg.serverId())
                .bind("state", leg.state().name());
        spec = bindNullable(spec, "attemptNumber", leg.attemptNumber(), Integer.class);
        spec = bindNullable(spec, "startedAt", utc(leg.startedAt()), LocalDateTime.class);
        spec = bindNullable(spec, "ringingAt", utc(leg.ringingAt()), LocalDateTime.class);
        spec = bindNullable(spec, "answeredAt", utc(leg.answeredAt()), LocalDateTime.class);
        spec = bindNullable(spec, "endedAt", utc(leg.endedAt()), LocalDateTime.class);
        spec = bindNullable(spec, "q850Cause", leg.q850Cause(), Integer.class);
        spec = bindNullable(spec, "causeText", clip(leg.causeText(), CAUSE_TEXT_MAX), String.class);
        spec = bindNullable(spec, "outcome", leg.outcome() == null ? null : leg.outcome().name(), String.class);
        return run(spec);
    }

    private GenericExecuteSpec bindResult(GenericExecuteSpec spec, VerificationCompleted result) {
        Instant completedAt = result.occurredAt() != null ? result.occurredAt() : clock.instant();
        spec = spec.bind("id", result.verificationId())
                .bind("status", result.status().name())
                .bind("completedAt", utc(completedAt))
                .bind("now", now());
        return bindNullable(spec, "reason", clip(result.reason(), REASON_MAX), String.class);
    }

    private LocalDateTime now() {
        return utc(clock.instant());
    }

    private static Mono<Void> run(GenericExecuteSpec spec) {
        return spec.fetch().rowsUpdated().then();
    }

    private static String in(String column, Collection<? extends Enum<?>> values) {
        if (values.isEmpty()) {
            return "FALSE";
        }
        return values.stream().map(value -> "'" + value.name() + "'")
                .collect(Collectors.joining(", ", column + " IN (", ")"));
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }
}
