package io.codac.ingest.client;

import io.codac.ingest.IngestProperties;
import io.codac.ingest.client.domain.KeyRotation;
import io.codac.ingest.client.domain.NewClient;
import io.codac.ingest.client.domain.NewKey;
import io.codac.ingest.domain.SmartBatcher;
import io.codac.ingest.sql.StatementBatches;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static io.codac.support.sql.SqlValues.bindNullable;
import static io.codac.support.sql.SqlValues.utc;
import java.time.ZoneOffset;

/** The {@code clients} and {@code api_keys} tables (written only by ingest). Times are stored in UTC. */
class ClientStore {

    private final DatabaseClient db;
    private final TransactionalOperator transaction;
    private final Clock clock;
    private final SmartBatcher<String, AuthenticatedClient> liveKeyLookups;

    ClientStore(DatabaseClient db, TransactionalOperator transaction, Clock clock,
                IngestProperties.StatementBatching batching, MeterRegistry meters) {
        this.db = db;
        this.transaction = transaction;
        this.clock = clock;
        this.liveKeyLookups = new SmartBatcher<>(batching.maxBatchSize(), batching.maxInFlight(),
                StatementBatches.measured(meters, "api_key_lookup", this::findByLiveKeyHashes));
    }

    /**
     * Adds a key to a client and ends its live keys at {@code previousExpireAt} (or sooner, if they
     * already end sooner: {@link KeyRotation#earlier}); {@code false} when there is no such client.
     */
    Mono<Boolean> rotate(NewKey key, Instant previousExpireAt) {
        LocalDateTime expireAt = utc(previousExpireAt);
        Mono<Boolean> exists = db.sql("SELECT COUNT(*) AS n FROM clients WHERE client_id = :clientId FOR UPDATE")
                .bind("clientId", key.clientId())
                .map(row -> row.get("n", Long.class) > 0)
                .one();
        Mono<Long> endPrevious = db.sql("""
                        UPDATE api_keys SET expires_at = :expireAt
                        WHERE client_id = :clientId AND revoked_at IS NULL
                          AND (expires_at IS NULL OR expires_at > :expireAt)""")
                .bind("expireAt", expireAt)
                .bind("clientId", key.clientId())
                .fetch().rowsUpdated();
        Mono<Long> insertKey = db.sql("""
                        INSERT INTO api_keys (key_id, client_id, key_hash, key_prefix, created_at)
                        VALUES (:keyId, :clientId, :keyHash, :keyPrefix, :createdAt)""")
                .bind("keyId", key.keyId())
                .bind("clientId", key.clientId())
                .bind("keyHash", key.keyHash())
                .bind("keyPrefix", key.keyPrefix())
                .bind("createdAt", utc(key.createdAt()))
                .fetch().rowsUpdated();
        return exists.flatMap(found -> found ? endPrevious.then(insertKey).thenReturn(true) : Mono.just(false))
                .as(transaction::transactional);
    }

    /** Revokes a client's key at once; {@code false} when the client has no such key. Revoking twice is harmless. */
    Mono<Boolean> revoke(String clientId, String keyId) {
        return db.sql("SELECT revoked_at FROM api_keys WHERE client_id = :clientId AND key_id = :keyId")
                .bind("clientId", clientId)
                .bind("keyId", keyId)
                .map(row -> Optional.ofNullable(row.get("revoked_at", LocalDateTime.class)))
                .one()
                .flatMap(revokedAt -> revokedAt.isPresent() ? Mono.just(true)
                        : db.sql("""
                                        UPDATE api_keys SET revoked_at = :now
                                        WHERE client_id = :clientId AND key_id = :keyId AND revoked_at IS NULL""")
                                .bind("now", utc(clock.instant()))
                                .bind("clientId", clientId)
                                .bind("keyId", keyId)
                                .fetch().rowsUpdated()
                                .thenReturn(true))
                .defaultIfEmpty(false);
    }

    /** A client and its first key, together or not at all. */
    Mono<Void> create(NewClient client, Integer ratePerSecond, Integer burst) {
        LocalDateTime createdAt = LocalDateTime.ofInstant(client.createdAt(), ZoneOffset.UTC);
        var clientRow = db.sql("""
                        INSERT INTO clients (client_id, name, webhook_secret, created_at, rate_limit_per_second,
                          rate_limit_burst)
                        VALUES (:clientId, :name, :webhookSecret, :createdAt, :ratePerSecond, :burst)""")
                .bind("clientId", client.clientId())
                .bind("name", client.name())
                .bind("webhookSecret", client.webhookSecret())
                .bind("createdAt", createdAt);
        clientRow = bindNullable(clientRow, "ratePerSecond", ratePerSecond, Integer.class);
        Mono<Long> insertClient = bindNullable(clientRow, "burst", burst, Integer.class).fetch().rowsUpdated();
        Mono<Long> insertKey = db.sql("""
                        INSERT INTO api_keys (key_id, client_id, key_hash, key_prefix, created_at)
                        VALUES (:keyId, :clientId, :keyHash, :keyPrefix, :createdAt)""")
                .bind("keyId", client.keyId())
                .bind("clientId", client.clientId())
                .bind("keyHash", client.keyHash())
                .bind("keyPrefix", client.keyPrefix())
                .bind("createdAt", createdAt)
                .fetch().rowsUpdated();
        return insertClient.then(insertKey).then().as(transaction::transactional);
    }

    /**
     * The client owning a live key with this hash: not revoked, not past its end ({@link KeyRotation#isLive}).
     * Concurrent lookups share one statement ({@link SmartBatcher}); each is issued after its request arrived, so a key
     * revoked before that is refused.
     */
    Mono<AuthenticatedClient> findByLiveKeyHash(String keyHash) {
        return Mono.fromFuture(() -> liveKeyLookups.submit(keyHash), true);
    }

    /** One statement for a batch of lookups: the client of each hash, or null. The same hash may come many times. */
    private CompletableFuture<List<AuthenticatedClient>> findByLiveKeyHashes(List<String> keyHashes) {
        return db.sql("""
                        SELECT k.key_hash, k.client_id, c.rate_limit_per_second, c.rate_limit_burst
                        FROM api_keys k JOIN clients c ON c.client_id = k.client_id
                        WHERE k.key_hash IN (:keyHashes) AND k.revoked_at IS NULL
                          AND (k.expires_at IS NULL OR k.expires_at > :now)""")
                .bind("keyHashes", Set.copyOf(keyHashes))
                .bind("now", utc(clock.instant()))
                .map(row -> Map.entry(row.get("key_hash", String.class), new AuthenticatedClient(
                        row.get("client_id", String.class), row.get("rate_limit_per_second", Integer.class),
                        row.get("rate_limit_burst", Integer.class))))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue)
                .map(clients -> keyHashes.stream().map(clients::get).toList())
                .toFuture();
    }
}
