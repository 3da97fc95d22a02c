package io.codac.ingest.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.codac.ingest.IngestProperties;
import io.codac.ingest.client.domain.CredentialIssuer;
import io.codac.ingest.client.domain.KeyRotation;
import io.codac.ingest.domain.RandomTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.time.Clock;
import java.time.Duration;

import static io.codac.ingest.web.JsonBody.strictReader;
import static org.springframework.web.reactive.function.server.RequestPredicates.DELETE;
import static org.springframework.web.reactive.function.server.RequestPredicates.POST;

/** Wires the client context: its store, the API-key authenticator and the operator endpoint. */
@Configuration(proxyBeanMethods = false)
public class ClientConfiguration {

    /** A rotation never keeps an old key alive longer than this. */
    static final Duration MAX_OVERLAP = Duration.ofDays(30);

    @Bean
    ClientStore clientStore(DatabaseClient db, TransactionalOperator transaction, Clock clock,
                            IngestProperties properties, MeterRegistry meters) {
        return new ClientStore(db, transaction, clock, properties.statementBatching(), meters);
    }

    @Bean
    public ApiKeyAuthenticator apiKeyAuthenticator(ClientStore clients) {
        return new ApiKeyAuthenticator(clients);
    }

    @Bean
    public RouterFunction<ServerResponse> clientAdminRoutes(IngestProperties properties, ClientStore clients,
                                                            Clock clock, ObjectMapper mapper) {
        var handler = new ClientAdminHandler(properties.adminToken(),
                new CredentialIssuer(RandomTokens.secure(), clock), clients, strictReader(mapper),
                new KeyRotation(MAX_OVERLAP), properties.keyOverlap());
        return RouterFunctions.route(POST("/admin/v1/clients"), handler::create)
                .andRoute(POST("/admin/v1/clients/{id}/keys"), handler::rotate)
                .andRoute(DELETE("/admin/v1/clients/{id}/keys/{keyId}"), handler::revoke);
    }
}
