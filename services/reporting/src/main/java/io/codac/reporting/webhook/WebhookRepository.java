package io.codac.reporting.webhook;

import io.codac.contracts.domain.VerificationStatus;
import io.codac.reporting.webhook.domain.DeliveryState;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.stream.Collectors;

import static io.codac.support.sql.SqlValues.bindNullable;
import static io.codac.support.sql.SqlValues.utc;

/**
 * The webhook tables' SQL (reporting's own, see V2__webhooks.sql), plus one read-only query of ingest's
 * {@code clients.webhook_secret} — the exception to one-writer-per-table recorded in ADR 0004. Sending is
 * coordinated by a lease in the row: an instance sends a delivery only after it has moved
 * {@code lease_until} into the future with a conditional update, so two instances never send the same
 * attempt, and a crashed instance's lease simply expires.
 */
class WebhookRepository {

    private static final String TERMINAL = Arrays.stream(VerificationStatus.values())
            .filter(VerificationStatus::isTerminal).map(s -> "'" + s.name() + "'")
            .collect(Collectors.joining(", ", "(", ")"));

    /** A verification whose webhook can be written: its callback is known and its verdict too. */
    record Ready(String verificationId, String clientId, String callbackUrl, String clientRef, String phoneNumber,
                 String status, String reason, Instant requestedAt, Instant completedAt) {
    }

    /** A delivery row. */
    record Delivery(String eventId, String verificationId, String clientId, String callbackUrl, String endpoint,
                    String body, DeliveryState state, int attempts, Instant terminalAt, Instant createdAt,
                    Instant nextAttemptAt, Instant giveUpAt, Instant deliveredAt, String lastError) {
    }

    /** One HTTP attempt of the log. */
    record Attempt(String eventId, int attemptNumber, Instant attemptedAt, Integer httpStatus, String error, int durationMs) {
    }

    private final DatabaseClient db;

    WebhookRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> upsertTarget(String verificationId, String clientId, String callbackUrl, Instant now) {
        return db.sql("""
                        INSERT INTO webhook_targets (verification_id, client_id, callback_url, created_at)
                        VALUES (:id, :clientId, :url, :now)
                        ON DUPLICATE KEY UPDATE verification_id = verification_id
                        """)
                .bind("id", verificationId).bind("clientId", clientId).bind("url", callbackUrl).bind("now", utc(now))
                .fetch().rowsUpdated().then();
    }

    Mono<Ready> ready(String verificationId) {
        return db.sql("""
                        SELECT t.verification_id, w.client_id, w.callback_url, t.client_ref, t.phone_number,
                               t.status, t.reason, t.requested_at, t.completed_at
                        FROM verification_timeline t JOIN webhook_targets w ON w.verification_id = t.verification_id
                        WHERE t.verification_id = :id AND t.status IN %s
                        """.formatted(TERMINAL))
                .bind("id", verificationId)
                .map((row, meta) -> new Ready(row.get("verification_id", String.class), row.get("client_id", String.class),
                        row.get("callback_url", String.class), row.get("client_ref", String.class),
                        row.get("phone_number", String.class), row.get("status", String.class),
                        row.get("reason", String.class), instant(row.get("requested_at", LocalDateTime.class)),
                        instant(row.get("completed_at", LocalDateTime.class))))
                .one();
    }

    /**
     * Writes a new delivery, already leased until {@code leaseUntil} (null: not leased) by the instance
     * that will send it at once; a second write of the same event id changes nothing. True when it was new.
     */
    Mono<Boolean> insert(Delivery d, Instant leaseUntil) {
        GenericExecuteSpec spec = db.sql("""
                        INSERT INTO webhook_deliveries
                          (event_id, verification_id, client_id, callback_url, endpoint, body, state, attempts,
                           terminal_at, created_at, next_attempt_at, give_up_at, lease_until, last_error)
                        VALUES (:eventId, :verificationId, :clientId, :url, :endpoint, :body, :state, 0,
                           :terminalAt, :createdAt, :next, :giveUpAt, :lease, :lastError)
                        ON DUPLICATE KEY UPDATE event_id = event_id
                        """)
                .bind("eventId", d.eventId()).bind("verificationId", d.verificationId()).bind("clientId", d.clientId())
                .bind("url", d.callbackUrl()).bind("endpoint", d.endpoint()).bind("body", d.body())
                .bind("state", d.state().name()).bind("terminalAt", utc(d.terminalAt()))
                .bind("createdAt", utc(d.createdAt())).bind("next", utc(d.nextAttemptAt()))
                .bind("giveUpAt", utc(d.giveUpAt()));
        spec = bindNullable(spec, "lease", utc(leaseUntil), LocalDateTime.class);
        spec = bindNullable(spec, "lastError", d.lastError(), String.class);
        return spec.fetch().rowsUpdated().map(rows -> rows == 1);
    }

    Flux<String> due(Instant now, int limit) {
        return db.sql("""
                        SELECT event_id FROM webhook_deliveries
                        WHERE state = 'PENDING' AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :now)
                        ORDER BY next_attempt_at LIMIT %d
                        """.formatted(limit))
                .bind("now", utc(now))
                .map((row, meta) -> row.get("event_id", String.class)).all();
    }

    /** Takes the delivery for one attempt; empty when it is not due, not pending, or leased by someone else. */
    Mono<Delivery> claim(String eventId, Instant now, Instant leaseUntil) {
        return db.sql("""
                        UPDATE webhook_deliveries SET lease_until = :lease
                        WHERE event_id = :eventId AND state = 'PENDING' AND next_attempt_at <= :now
                          AND (lease_until IS NULL OR lease_until < :now)
                        """)
                .bind("lease", utc(leaseUntil)).bind("eventId", eventId).bind("now", utc(now))
                .fetch().rowsUpdated()
                .flatMap(rows -> rows == 1 ? load(eventId) : Mono.empty());
    }

    Mono<Delivery> load(String eventId) {
        return db.sql("SELECT * FROM webhook_deliveries WHERE event_id = :eventId").bind("eventId", eventId)
                .map((row, meta) -> delivery(row)).one();
    }

    Flux<Delivery> deliveries(String verificationId) {
        return db.sql("SELECT * FROM webhook_deliveries WHERE verification_id = :id ORDER BY created_at")
                .bind("id", verificationId).map((row, meta) -> delivery(row)).all();
    }

    Flux<Attempt> attempts(String verificationId) {
        return db.sql("""
                        SELECT event_id, attempt_number, attempted_at, http_status, error, duration_ms
                        FROM webhook_attempts WHERE verification_id = :id ORDER BY attempt_id
                        """)
                .bind("id", verificationId)
                .map((row, meta) -> new Attempt(row.get("event_id", String.class),
                        row.get("attempt_number", Integer.class), instant(row.get("attempted_at", LocalDateTime.class)),
                        row.get("http_status", Integer.class), row.get("error", String.class),
                        row.get("duration_ms", Integer.class)))
                .all();
    }

    /** The client's webhook secret, read-only from ingest's table (ADR 0004); empty when unknown. */
    Mono<String> secret(String clientId) {
        return db.sql("SELECT webhook_secret FROM clients WHERE client_id = :id").bind("id", clientId)
                .map((row, meta) -> row.get("webhook_secret", String.class)).one();
    }

    Mono<Void> recordAttempt(Delivery d, int attemptNumber, Instant at, Integer httpStatus, String error, long durationMs) {
        GenericExecuteSpec spec = db.sql("""
                        INSERT INTO webhook_attempts
                          (event_id, verification_id, attempt_number, attempted_at, http_status, error, duration_ms)
                        VALUES (:eventId, :verificationId, :n, :at, :status, :error, :duration)
                        """)
                .bind("eventId", d.eventId()).bind("verificationId", d.verificationId()).bind("n", attemptNumber)
                .bind("at", utc(at)).bind("duration", (int) Math.min(durationMs, Integer.MAX_VALUE));
        spec = bindNullable(spec, "status", httpStatus, Integer.class);
        spec = bindNullable(spec, "error", clip(error), String.class);
        return spec.fetch().rowsUpdated().then();
    }

    Mono<Void> delivered(String eventId, int attempts, Instant at) {
        return db.sql("""
                        UPDATE webhook_deliveries SET state = 'DELIVERED', attempts = :n, delivered_at = :at,
                          lease_until = NULL, last_error = NULL WHERE event_id = :eventId
                        """)
                .bind("n", attempts).bind("at", utc(at)).bind("eventId", eventId).fetch().rowsUpdated().then();
    }

    Mono<Void> retryLater(String eventId, int attempts, Instant next, String error) {
        return db.sql("""
                        UPDATE webhook_deliveries SET attempts = :n, next_attempt_at = :next, lease_until = NULL,
                          last_error = :error WHERE event_id = :eventId
                        """)
                .bind("n", attempts).bind("next", utc(next)).bind("error", clip(error)).bind("eventId", eventId)
                .fetch().rowsUpdated().then();
    }

    Mono<Void> giveUp(String eventId, int attempts, String error) {
        return db.sql("""
                        UPDATE webhook_deliveries SET state = 'GAVE_UP', attempts = :n, lease_until = NULL,
                          last_error = :error WHERE event_id = :eventId
                        """)
                .bind("n", attempts).bind("error", clip(error)).bind("eventId", eventId).fetch().rowsUpdated().then();
    }

    /** Postpones a delivery without counting an attempt (its endpoint's breaker is open). */
    Mono<Void> postpone(String eventId, Instant next) {
        return db.sql("UPDATE webhook_deliveries SET next_attempt_at = :next, lease_until = NULL WHERE event_id = :eventId")
                .bind("next", utc(next)).bind("eventId", eventId).fetch().rowsUpdated().then();
    }

    /** Makes every sendable delivery of the verification pending again, due now, with a fresh retry period. */
    Flux<String> redeliver(String verificationId, Instant now, Instant giveUpAt) {
        return db.sql("""
                        UPDATE webhook_deliveries SET state = 'PENDING', next_attempt_at = :now, give_up_at = :giveUpAt,
                          lease_until = NULL WHERE verification_id = :id AND state <> 'REJECTED'
                        """)
                .bind("now", utc(now)).bind("giveUpAt", utc(giveUpAt)).bind("id", verificationId)
                .fetch().rowsUpdated()
                .thenMany(db.sql("SELECT event_id FROM webhook_deliveries WHERE verification_id = :id AND state = 'PENDING'")
                        .bind("id", verificationId).map((row, meta) -> row.get("event_id", String.class)).all());
    }

    private static Delivery delivery(io.r2dbc.spi.Readable row) {
        return new Delivery(row.get("event_id", String.class), row.get("verification_id", String.class),
                row.get("client_id", String.class), row.get("callback_url", String.class),
                row.get("endpoint", String.class), row.get("body", String.class),
                DeliveryState.valueOf(row.get("state", String.class)), row.get("attempts", Integer.class),
                instant(row.get("terminal_at", LocalDateTime.class)), instant(row.get("created_at", LocalDateTime.class)),
                instant(row.get("next_attempt_at", LocalDateTime.class)), instant(row.get("give_up_at", LocalDateTime.class)),
                instant(row.get("delivered_at", LocalDateTime.class)), row.get("last_error", String.class));
    }

    private static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    private static String clip(String text) {
        return text == null || text.length() <= 255 ? text : text.substring(0, 255);
    }
}
