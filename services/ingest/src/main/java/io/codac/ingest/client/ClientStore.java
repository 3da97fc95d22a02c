package io.codac.ingest.client;

import io.codac.ingest.client.domain.NewClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** The {@code clients} and {@code api_keys} tables (written only by ingest). Times are stored in UTC. */
class ClientStore {

    private final DatabaseClient db;
    private final TransactionalOperator transaction;

    ClientStore(DatabaseClient db, TransactionalOperator transaction) {
        this.db = db;
        this.transaction = transaction;
    }

    /** A client and its first key, together or not at all. */
    Mono<Void> create(NewClient client) {
        LocalDateTime createdAt = LocalDateTime.ofInstant(client.createdAt(), ZoneOffset.UTC);
        Mono<Long> insertClient = db.sql("""
                        INSERT INTO clients (client_id, name, webhook_secret, created_at)
                        VALUES (:clientId, :name, :webhookSecret, :createdAt)""")
                .bind("clientId", client.clientId())
                .bind("name", client.name())
                .bind("webhookSecret", client.webhookSecret())
                .bind("createdAt", createdAt)
                .fetch().rowsUpdated();
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

    /** The client owning a live (not revoked) key with this hash. */
    Mono<AuthenticatedClient> findByLiveKeyHash(String keyHash) {
        return db.sql("SELECT client_id FROM api_keys WHERE key_hash = :keyHash AND revoked_at IS NULL")
                .bind("keyHash", keyHash)
                .map(row -> new AuthenticatedClient(row.get("client_id", String.class)))
                .one();
    }
}
