package io.codac.ingest.client;

import com.fasterxml.jackson.databind.ObjectReader;
import io.codac.ingest.client.domain.CredentialIssuer;
import io.codac.ingest.client.domain.KeyRotation;
import io.codac.ingest.client.domain.NewClient;
import io.codac.ingest.client.domain.NewKey;
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
import java.time.Duration;
import java.time.Instant;
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

    private final KeyRotation rotation;
    private final Duration defaultOverlap;

    ClientAdminHandler(String adminToken, CredentialIssuer issuer, ClientStore clients, ObjectReader json,
                       KeyRotation rotation, Duration defaultOverlap) {
        this.rotation = rotation;
        this.defaultOverlap = defaultOverlap;
        this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
        this.issuer = issuer;
        this.clients = clients;
        this.json = json;
    }

    private static final Set<String> FIELDS = Set.of("name", "rateLimitPerSecond", "rateLimitBurst");

    /** An optional client setting: absent means the gateway's default. */
    private static Integer positive(JsonBody fields, String field) {
        Integer value = fields.integer(field);
        if (value != null && (value < 1 || value > 1_000_000)) {
            throw new ProblemException(ProblemCode.MALFORMED_REQUEST, field + " must be between 1 and 1000000", field);
        }
        return value;
    }

    /** {@code {"clientId", "apiKey", "webhookSecret"}}. */
    record CreatedClient(String clientId, String name, String keyId, String apiKey, String webhookSecret) {
    }

    /** A rotated-in key, shown once, and when the client's previous keys stop working. */
    record RotatedKey(String clientId, String keyId, String apiKey, Instant previousKeysExpireAt) {
    }

    /**
     * {@code POST /admin/v1/clients/{id}/keys}: a new key; the client's previous keys keep working for the
     * overlap ({@code overlapSeconds}, default {@code codac.ingest.key-overlap}), then are refused.
     */
    Mono<ServerResponse> rotate(ServerRequest request) {
        if (!isOperator(request)) {
            return Mono.error(notOperator());
        }
        String clientId = request.pathVariable("id");
        return BoundedBody.read(request, MAX_BODY_BYTES)
                .flatMap(body -> {
                    Duration overlap = defaultOverlap;
                    if (body.length > 0) {
                        Integer seconds = JsonBody.parse(json, body).allowOnly(Set.of("overlapSeconds")).integer("overlapSeconds");
                        overlap = seconds == null ? defaultOverlap : Duration.ofSeconds(seconds);
                    }
                    String violation = rotation.overlapViolation(overlap);
                    if (violation != null) {
                        throw new ProblemException(ProblemCode.MALFORMED_REQUEST, violation, "overlapSeconds");
                    }
                    NewKey key = issuer.issueKey(clientId);
                    Instant previousExpireAt = rotation.previousKeysExpireAt(key.createdAt(), overlap);
                    return clients.rotate(key, previousExpireAt)
                            .flatMap(found -> found ? Mono.just(new RotatedKey(clientId, key.keyId(), key.apiKey(),
                                    previousExpireAt)) : Mono.error(noSuchClient(clientId)));
                })
                .flatMap(rotated -> {
                    log.info("rotated in key {} for client {}; previous keys end at {}", rotated.keyId(), clientId,
                            rotated.previousKeysExpireAt());
                    return ServerResponse.status(HttpStatus.CREATED)
                            .contentType(MediaType.APPLICATION_JSON)
                            .header(HttpHeaders.CACHE_CONTROL, "no-store")
                            .bodyValue(rotated);
                });
    }

    /** {@code DELETE /admin/v1/clients/{id}/keys/{keyId}}: the key is refused from the next request on. */
    Mono<ServerResponse> revoke(ServerRequest request) {
        if (!isOperator(request)) {
            return Mono.error(notOperator());
        }
        String clientId = request.pathVariable("id");
        String keyId = request.pathVariable("keyId");
        return clients.revoke(clientId, keyId)
                .flatMap(found -> {
                    if (!found) {
                        return Mono.error(new ProblemException(ProblemCode.NOT_FOUND,
                                "client " + clientId + " has no key " + keyId));
                    }
                    log.info("revoked key {} of client {}", keyId, clientId);
                    return ServerResponse.noContent().build();
                });
    }

    private static ProblemException noSuchClient(String clientId) {
        return new ProblemException(ProblemCode.NOT_FOUND, "no client " + clientId);
    }

    private static ProblemException notOperator() {
        return new ProblemException(ProblemCode.UNAUTHORIZED,
                "send the operator token as 'Authorization: Bearer <admin token>'");
    }

    Mono<ServerResponse> create(ServerRequest request) {
        if (!isOperator(request)) {
            return Mono.error(new ProblemException(ProblemCode.UNAUTHORIZED,
                    "send the operator token as 'Authorization: Bearer <admin token>'"));
        }
        return BoundedBody.read(request, MAX_BODY_BYTES)
                .map(body -> JsonBody.parse(json, body).allowOnly(FIELDS))
                .flatMap(fields -> {
                    String name = fields.text("name");
                    CredentialIssuer.nameViolation(name).ifPresent(violation -> {
                        throw new ProblemException(ProblemCode.MALFORMED_REQUEST, violation, "name");
                    });
                    Integer ratePerSecond = positive(fields, "rateLimitPerSecond");
                    Integer burst = positive(fields, "rateLimitBurst");
                    NewClient client = issuer.issue(name);
                    return clients.create(client, ratePerSecond, burst).thenReturn(client);
                })
                .flatMap(ClientAdminHandler::created);
    }

    private static Mono<ServerResponse> created(NewClient client) {
        log.info("provisioned client {} ({}) with key {}", client.clientId(), client.name(), client.keyPrefix());
        return ServerResponse.status(HttpStatus.CREATED)
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store") // it carries secrets
                .bodyValue(new CreatedClient(client.clientId(), client.name(), client.keyId(), client.apiKey(),
                        client.webhookSecret()));
    }

    /** Constant-time comparison: the response time must not reveal how much of a guess was right. */
    private boolean isOperator(ServerRequest request) {
        return ApiKeyAuthenticator.bearerToken(request.headers().firstHeader(HttpHeaders.AUTHORIZATION))
                .map(token -> MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), adminToken))
                .orElse(false);
    }
}
