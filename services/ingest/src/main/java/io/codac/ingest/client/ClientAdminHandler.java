package io.codac.ingest.client;

import com.fasterxml.jackson.databind.ObjectReader;
import io.codac.ingest.client.domain.CredentialIssuer;
import io.codac.ingest.client.domain.NewClient;
import io.codac.ingest.web.BoundedBody;
import io.codac.ingest.web.JsonBody;
import io.codac.ingest.web.ProblemCode;
import io.codac.ingest.web.ProblemException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * {@code POST /admin/v1/clients}: an operator provisions a client. The answer is the only time the API
 * key and the webhook secret are ever shown; afterwards the key exists only as its hash.
 */
class ClientAdminHandler {

    private static final Logger log = LoggerFactory.getLogger(ClientAdminHandler.class);
    private static final int MAX_BODY_BYTES = 4096;

    private final byte[] adminToken;
    private final CredentialIssuer issuer;
    private final ClientStore clients;
    private final ObjectReader json;

    ClientAdminHandler(String adminToken, CredentialIssuer issuer, ClientStore clients, ObjectReader json) {
        this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
        this.issuer = issuer;
        this.clients = clients;
        this.json = json;
    }

    /** {@code {"clientId", "apiKey", "webhookSecret"}}. */
    record CreatedClient(String clientId, String name, String apiKey, String webhookSecret) {
    }

    Mono<ServerResponse> create(ServerRequest request) {
        if (!isOperator(request)) {
            return Mono.error(new ProblemException(ProblemCode.UNAUTHORIZED,
                    "send the operator token as 'Authorization: Bearer <admin token>'"));
        }
        return BoundedBody.read(request, MAX_BODY_BYTES)
                .map(body -> JsonBody.parse(json, body).allowOnly(Set.of("name")).text("name"))
                .map(name -> {
                    CredentialIssuer.nameViolation(name).ifPresent(violation -> {
                        throw new ProblemException(ProblemCode.MALFORMED_REQUEST, violation, "name");
                    });
                    return issuer.issue(name);
                })
                .flatMap(client -> clients.create(client).thenReturn(client))
                .flatMap(ClientAdminHandler::created);
    }

    private static Mono<ServerResponse> created(NewClient client) {
        log.info("provisioned client {} ({}) with key {}", client.clientId(), client.name(), client.keyPrefix());
        return ServerResponse.status(HttpStatus.CREATED)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store") // it carries secrets
                .bodyValue(new CreatedClient(client.clientId(), client.name(), client.apiKey(), client.webhookSecret()));
    }

    /** Constant-time comparison: the response time must not reveal how much of a guess was right. */
    private boolean isOperator(ServerRequest request) {
        return ApiKeyAuthenticator.bearerToken(request.headers().firstHeader(HttpHeaders.AUTHORIZATION))
                .map(token -> MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), adminToken))
                .orElse(false);
    }
}
