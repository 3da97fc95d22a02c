package io.codac.ingest.verification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codac.contracts.domain.VerificationMethod;
import io.codac.ingest.IngestProperties;
import io.codac.ingest.domain.SmartBatcher;
import io.codac.ingest.sql.StatementBatches;
import io.micrometer.core.instrument.MeterRegistry;
import io.codac.ingest.verification.domain.AcceptedVerification;
import io.codac.ingest.verification.domain.PublishState;
import io.codac.support.sql.SqlValues;
import io.r2dbc.spi.Readable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;

import static io.codac.support.sql.SqlValues.instant;
import static io.codac.support.sql.SqlValues.utc;

/**
 * The {@code accepted_verifications} table (written only by ingest). The unique key
 * {@code (client_id, idempotency_key)} is what makes a retried request idempotent, also between
 * concurrent requests and across gateway instances: only one insert can win. {@code publish_state}
 * moves {@code PUBLISHING -> UNCONFIRMED -> PUBLISHED} (or straight to {@code PUBLISHED}) and never
 * back; every change is conditional on the state it leaves, so racing requests cannot undo each other.
 */
class AcceptedVerifications {

    private static final String COLUMNS = """
            verification_id, client_id, phone_number, method, client_ref, callback_url, idempotency_key,
            request_hash, created_at, expires_at, dial_in_number, metadata, publish_state""";
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
    };

    /** One row of the multi-row insert; {@code #} is the row's index. */
    private static final String VALUES = """
            (:verificationId#, :clientId#, :phoneNumber#, :method#, :clientRef#, :callbackUrl#, :idempotencyKey#,
            :requestHash#, :createdAt#, :expiresAt#, :dialInNumber#, :metadata#, :publishState#)""";

    private final DatabaseClient db;
    private final ObjectMapper json;
    private final SmartBatcher<AcceptedVerification, InsertOutcome> inserts;
    private final SmartBatcher<String, Boolean> confirms;

    AcceptedVerifications(DatabaseClient db, ObjectMapper json, IngestProperties.StatementBatching batching,
                          MeterRegistry meters) {
        this.db = db;
        this.json = json;
        this.inserts = new SmartBatcher<>(batching.maxBatchSize(), batching.maxInFlight(),
                StatementBatches.measured(meters, "insert", this::insertAll));
        this.confirms = new SmartBatcher<>(batching.maxBatchSize(), batching.maxInFlight(),
                StatementBatches.measured(meters, "confirm", this::confirmAll));
    }

    /**
     * {@code true} when recorded; {@code false} when the client already used this idempotency key.
     *
     * <p>Concurrent inserts share one multi-row {@code INSERT} ({@link SmartBatcher}). A statement is atomic: when one
     * of its rows is refused as a duplicate (a key used before, or twice in the batch) none is written, and each row is
     * then inserted on its own, exactly as without batching — so every request's answer still rests on one atomic
     * insert of its own row, and a duplicate is told apart per request without {@code INSERT IGNORE} (which would also
     * hide real errors) or a second statement that could fail after the rows were written.
     */
    Mono<Boolean> insert(AcceptedVerification verification) {
        return Mono.fromFuture(() -> inserts.submit(verification), true)
                .flatMap(outcome -> outcome.failure() != null ? Mono.error(outcome.failure()) : Mono.just(outcome.inserted()));
    }

    /** What became of one row of a batched insert. */
    private record InsertOutcome(boolean inserted, Throwable failure) {
    }

    private CompletableFuture<List<InsertOutcome>> insertAll(List<AcceptedVerification> batch) {
        var inserted = new InsertOutcome(true, null);
        return insertStatement(batch).fetch().rowsUpdated()
                .map(rows -> Collections.nCopies(batch.size(), inserted))
                .onErrorResume(DuplicateKeyException.class, duplicate -> batch.size() == 1
                        ? Mono.just(List.of(outcomeOfDuplicate(batch.getFirst(), duplicate)))
                        : Flux.fromIterable(batch).flatMapSequential(this::insertAlone).collectList())
                .toFuture();
    }

    private Mono<InsertOutcome> insertAlone(AcceptedVerification verification) {
        return insertStatement(List.of(verification)).fetch().rowsUpdated()
                .map(rows -> new InsertOutcome(true, null))
                .onErrorResume(DuplicateKeyException.class, duplicate -> Mono.just(outcomeOfDuplicate(verification, duplicate)));
    }

    /** A taken idempotency key is a retry; a verification id collision (128 random bits) is a bug, not luck. */
    private static InsertOutcome outcomeOfDuplicate(AcceptedVerification verification, DuplicateKeyException duplicate) {
        return verification.idempotencyKey() == null ? new InsertOutcome(false, duplicate) : new InsertOutcome(false, null);
    }

    private GenericExecuteSpec insertStatement(List<AcceptedVerification> rows) {
        var values = new StringJoiner(", ");
        for (int i = 0; i < rows.size(); i++) {
            values.add(VALUES.replace("#", Integer.toString(i)));
        }
        var bindings = new SqlValues.Bindings(); // one bind for all rows (see Bindings: one by one costs their square)
        for (int i = 0; i < rows.size(); i++) {
            AcceptedVerification v = rows.get(i);
            bindings.value("verificationId" + i, v.verificationId())
                    .value("clientId" + i, v.clientId())
                    .value("phoneNumber" + i, v.phoneNumber())
                    .value("method" + i, v.method().name())
                    .value("requestHash" + i, v.requestHash())
                    .value("createdAt" + i, utc(v.createdAt()))
                    .value("expiresAt" + i, utc(v.expiresAt()))
                    .value("publishState" + i, v.publishState().name())
                    .nullable("clientRef" + i, v.clientRef(), String.class)
                    .nullable("callbackUrl" + i, v.callbackUrl(), String.class)
                    .nullable("idempotencyKey" + i, v.idempotencyKey(), String.class)
                    .nullable("dialInNumber" + i, v.dialInNumber(), String.class)
                    .nullable("metadata" + i, v.metadata().isEmpty() ? null : write(v.metadata()), String.class);
        }
        return bindings.to(db.sql("INSERT INTO accepted_verifications (" + COLUMNS + ") VALUES " + values));
    }

    Mono<AcceptedVerification> findByIdempotencyKey(String clientId, String idempotencyKey) {
        return db.sql("SELECT " + COLUMNS + " FROM accepted_verifications"
                        + " WHERE client_id = :clientId AND idempotency_key = :idempotencyKey")
                .bind("clientId", clientId)
                .bind("idempotencyKey", idempotencyKey)
                .map(this::read)
                .one();
    }

    /** Scoped to the client: another client's id is simply not found. */
    Mono<AcceptedVerification> find(String verificationId, String clientId) {
        return db.sql("SELECT " + COLUMNS + " FROM accepted_verifications"
                        + " WHERE verification_id = :verificationId AND client_id = :clientId")
                .bind("verificationId", verificationId)
                .bind("clientId", clientId)
                .map(this::read)
                .one();
    }

    /**
     * Withdraws a request Kafka provably never received, so nothing stays half-accepted; only while it
     * is still {@code PUBLISHING}: a retry that took it over may have published it meanwhile.
     * {@code true} when the record is gone.
     */
    Mono<Boolean> withdraw(String verificationId) {
        return db.sql("DELETE FROM accepted_verifications"
                        + " WHERE verification_id = :verificationId AND publish_state = 'PUBLISHING'")
                .bind("verificationId", verificationId)
                .fetch().rowsUpdated()
                .map(deleted -> deleted > 0);
    }

    /**
     * {@code PUBLISHING -> UNCONFIRMED}: the publish ended without an acknowledgement (or a retry takes
     * over an abandoned one). {@code true} when this call made the change.
     */
    Mono<Boolean> unconfirm(String verificationId) {
        return db.sql("UPDATE accepted_verifications SET publish_state = 'UNCONFIRMED'"
                        + " WHERE verification_id = :verificationId AND publish_state = 'PUBLISHING'")
                .bind("verificationId", verificationId)
                .fetch().rowsUpdated()
                .map(updated -> updated > 0);
    }

    /**
     * The broker acknowledged it: from now on a retry is answered with the original {@code 202}. Concurrent confirms
     * share one {@code UPDATE} ({@link SmartBatcher}); each completes once the statement holding it has.
     */
    Mono<Void> confirm(String verificationId) {
        return Mono.fromFuture(() -> confirms.submit(verificationId), true).then();
    }

    private CompletableFuture<List<Boolean>> confirmAll(List<String> verificationIds) {
        return db.sql("UPDATE accepted_verifications SET publish_state = 'PUBLISHED'"
                        + " WHERE verification_id IN (:verificationIds) AND publish_state <> 'PUBLISHED'")
                .bind("verificationIds", verificationIds)
                .fetch().rowsUpdated()
                .map(rows -> Collections.nCopies(verificationIds.size(), Boolean.TRUE))
                .toFuture();
    }

    /**
     * Deletes up to {@code limit} records created before {@code cutoff}; the number deleted. Their
     * idempotency keys are forgotten with them, which is why the retention is at least 24 hours.
     */
    Mono<Long> purgeCreatedBefore(Instant cutoff, int limit) {
        return db.sql("DELETE FROM accepted_verifications WHERE created_at < :cutoff LIMIT " + limit)
                .bind("cutoff", utc(cutoff))
                .fetch().rowsUpdated();
    }

    /**
     * Records whose publish is still unresolved — {@code UNCONFIRMED}, or {@code PUBLISHING} and so abandoned by now —
     * created before {@code cutoff}, the oldest first.
     */
    Flux<AcceptedVerification> unresolvedCreatedBefore(Instant cutoff, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM accepted_verifications"
                        + " WHERE publish_state IN ('UNCONFIRMED', 'PUBLISHING') AND created_at < :cutoff"
                        + " ORDER BY created_at LIMIT " + limit)
                .bind("cutoff", utc(cutoff))
                .map(this::read)
                .all();
    }

    private String write(Map<String, String> metadata) {
        try {
            return json.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata cannot be written as JSON", e);
        }
    }

    private Map<String, String> metadataOf(String stored) {
        if (stored == null) {
            return Map.of();
        }
        try {
            return json.readValue(stored, METADATA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored metadata is not a JSON object of strings", e);
        }
    }

    private AcceptedVerification read(Readable row) {
        return new AcceptedVerification(
                row.get("verification_id", String.class),
                row.get("client_id", String.class),
                row.get("phone_number", String.class),
                VerificationMethod.valueOf(row.get("method", String.class)),
                row.get("client_ref", String.class),
                row.get("callback_url", String.class),
                row.get("idempotency_key", String.class),
                row.get("request_hash", String.class),
                instant(row.get("created_at", LocalDateTime.class)),
                instant(row.get("expires_at", LocalDateTime.class)),
                row.get("dial_in_number", String.class),
                metadataOf(row.get("metadata", String.class)),
                PublishState.valueOf(row.get("publish_state", String.class)));
    }

}
