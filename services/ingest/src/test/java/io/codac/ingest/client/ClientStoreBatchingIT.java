package io.codac.ingest.client;

import io.codac.ingest.IngestProperties;
import io.codac.ingest.MigratedSchema;
import io.codac.ingest.client.domain.CredentialIssuer;
import io.codac.ingest.client.domain.NewClient;
import io.codac.ingest.domain.RandomTokens;
import io.codac.ingest.sql.StatementBatches;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batched API-key lookup of {@link ClientStore} on a real MariaDB: lookups that queue up behind a running one
 * leave together as one {@code IN (...)} statement (the table is held locked meanwhile, as under load), and each
 * still gets its own key's client — or nothing for a key that is unknown, revoked or past its end.
 */
class ClientStoreBatchingIT {

    private final CredentialIssuer issuer = new CredentialIssuer(RandomTokens.secure(), Clock.systemUTC());
    private static final MigratedSchema schema = new MigratedSchema();
    private SimpleMeterRegistry meters;
    private ClientStore store;

    @BeforeEach
    void newStore() {
        meters = new SimpleMeterRegistry();
        store = new ClientStore(schema.client(),
                TransactionalOperator.create(new R2dbcTransactionManager(schema.connections())),
                Clock.systemUTC(), new IngestProperties.StatementBatching(100, 1), meters);
    }

    @Test
    void lookupsArrivingTogetherShareOneStatementAndEachGetsItsOwnKeysClientOrNothing() throws Exception {
        NewClient shop = created("Shop");
        NewClient market = created("Market");
        NewClient revoked = created("Revoked");
        NewClient expired = created("Expired");
        assertThat(store.revoke(revoked.clientId(), revoked.keyId()).block()).isTrue();
        schema.execute("UPDATE api_keys SET expires_at = UTC_TIMESTAMP(3) - INTERVAL 1 SECOND"
                + " WHERE key_id = '" + expired.keyId() + "'");
        List<String> asked = List.of(shop.keyHash(), market.keyHash(), "f".repeat(64), shop.keyHash(),
                revoked.keyHash(), expired.keyHash(), market.keyHash());

        List<CompletableFuture<AuthenticatedClient>> found = new ArrayList<>();
        try (var locked = schema.lockForWriting("api_keys")) {
            store.findByLiveKeyHash(shop.keyHash()).toFuture(); // holds the statement slot while the others queue
            asked.forEach(hash -> found.add(store.findByLiveKeyHash(hash).toFuture()));
        }

        assertThat(found).extracting(result -> result.join() == null ? null : result.join().clientId())
                .containsExactly(shop.clientId(), market.clientId(), null, shop.clientId(), null, null,
                        market.clientId());
        var sizes = meters.get(StatementBatches.METRIC).tag("statement", "api_key_lookup").summary();
        assertThat(sizes.count()).isEqualTo(2);
        assertThat(sizes.max()).isEqualTo(asked.size());
    }

    @Test
    void aKeyRevokedAfterALookupIsRefusedByTheNextOne() {
        NewClient shop = created("Revoking Shop");
        assertThat(store.findByLiveKeyHash(shop.keyHash()).block()).isNotNull();

        assertThat(store.revoke(shop.clientId(), shop.keyId()).block()).isTrue();

        assertThat(store.findByLiveKeyHash(shop.keyHash()).block()).isNull();
    }

    @Test
    void aClientsOwnRateLimitComesWithIt() {
        NewClient shop = issuer.issue("Limited Shop");
        store.create(shop, 7, 9).block();

        AuthenticatedClient found = store.findByLiveKeyHash(shop.keyHash()).block();

        assertThat(found).isEqualTo(new AuthenticatedClient(shop.clientId(), 7, 9));
    }

    private NewClient created(String name) {
        NewClient client = issuer.issue(name);
        store.create(client, null, null).block();
        return client;
    }
}
