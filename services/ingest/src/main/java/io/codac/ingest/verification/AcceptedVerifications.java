package io.codac.ingest.verification;

import io.codac.contracts.domain.VerificationMethod;
import io.codac.ingest.verification.domain.AcceptedVerification;
import io.r2dbc.spi.Readable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The {@code accepted_verifications} table (written only by ingest). The unique key
 * {@code (client_id, idempotency_key)} is what makes a retried request idempotent, also between
 * concurrent requests and across gateway instances: only one insert can win.
 */
class AcceptedVerifications {

    private static final String COLUMNS = """
            verification_id, client_id, phone_number, method, client_ref, callback_url, idempotency_key,
            request_hash, created_at, expires_at, dial_in_number""";

    private final DatabaseClient db;

    AcceptedVerifications(DatabaseClient db) {
        this.db = db;
    }

    /** {@code true} when recorded; {@code false} when the client already used this idempotency key. */
    Mono<Boolean> insert(AcceptedVerification v) {
        GenericExecuteSpec insert = db.sql("INSERT INTO accepted_verifications (" + COLUMNS + """
                        ) VALUES (:verificationId, :clientId, :phoneNumber, :method, :clientRef, :callbackUrl,
                        :idempotencyKey, :requestHash, :createdAt, :expiresAt, :dialInNumber)""")
                .bind("verificationId", v.verificationId())
                .bind("clientId", v.clientId())
                .bind("phoneNumber", v.phoneNumber())
                .bind("method", v.method().name())
                .bind("requestHash", v.requestHash())
                .bind("createdAt", utc(v.createdAt()))
                .bind("expiresAt", utc(v.expiresAt()));
        insert = bindNullable(insert, "clientRef", v.clientRef());
        insert = bindNullable(insert, "callbackUrl", v.callbackUrl());
        insert = bindNullable(insert, "idempotencyKey", v.idempotencyKey());
        insert = bindNullable(insert, "dialInNumber", v.dialInNumber());
        return insert.fetch().rowsUpdated()
                .thenReturn(true)
                .onErrorResume(DuplicateKeyException.class, e -> v.idempotencyKey() == null
                        ? Mono.error(e) // a verification id collision: 128 random bits make it a bug, not luck
                        : Mono.just(false));
    }

    Mono<AcceptedVerification> findByIdempotencyKey(String clientId, String idempotencyKey) {
        return db.sql("SELECT " + COLUMNS + " FROM accepted_verifications"
                        + " WHERE client_id = :clientId AND idempotency_key = :idempotencyKey")
                .bind("clientId", clientId)
                .bind("idempotencyKey", idempotencyKey)
                .map(AcceptedVerifications::read)
                .one();
    }

    /** Scoped to the client: another client's id is simply not found. */
    Mono<AcceptedVerification> find(String verificationId, String clientId) {
        return db.sql("SELECT " + COLUMNS + " FROM accepted_verifications"
                        + " WHERE verification_id = :verificationId AND client_id = :clientId")
                .bind("verificationId", verificationId)
                .bind("clientId", clientId)
                .map(AcceptedVerifications::read)
                .one();
    }

    /** Withdraws a request Kafka did not take, so nothing stays half-accepted. */
    Mono<Void> delete(String verificationId) {
        return db.sql("DELETE FROM accepted_verifications WHERE verification_id = :verificationId")
                .bind("verificationId", verificationId)
                .fetch().rowsUpdated()
                .then();
    }

    private static AcceptedVerification read(Readable row) {
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
                row.get("dial_in_number", String.class));
    }

    static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(LocalDateTime utc) {
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    private static GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }
}
