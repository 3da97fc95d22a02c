package io.codac.ingest.client;

import io.codac.ingest.client.domain.ApiKeys;
import io.codac.ingest.web.ProblemCode;
import io.codac.ingest.web.ProblemException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.server.ServerRequest;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * Resolves {@code Authorization: Bearer <api key>} to a client by the key's SHA-256 hash. Every
 * failure (no header, not a key, unknown key, revoked key) is the same {@code 401}: the answer must not
 * tell a prober which keys exist. The lookup runs on every request, so a revoked key is refused at once.
 */
public class ApiKeyAuthenticator {

    private final ClientStore clients;

    ApiKeyAuthenticator(ClientStore clients) {
        this.clients = clients;
    }

    public Mono<AuthenticatedClient> authenticate(ServerRequest request) {
        Optional<String> token = bearerToken(request.headers().firstHeader(HttpHeaders.AUTHORIZATION));
        if (token.isEmpty()) {
            return Mono.error(new ProblemException(ProblemCode.UNAUTHORIZED,
                    "send your API key as 'Authorization: Bearer <api key>'"));
        }
        if (!ApiKeys.looksLikeKey(token.get())) {
            return Mono.error(invalidKey());
        }
        return clients.findByLiveKeyHash(ApiKeys.hash(token.get()))
                .switchIfEmpty(Mono.error(ApiKeyAuthenticator::invalidKey));
    }

    /** The token of a {@code Bearer} credential (the scheme is case-insensitive, RFC 9110 §11.1). */
    static Optional<String> bearerToken(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String trimmed = authorization.strip();
        int space = trimmed.indexOf(' ');
        if (space < 0 || !trimmed.substring(0, space).equalsIgnoreCase("Bearer")) {
            return Optional.empty();
        }
        String token = trimmed.substring(space + 1).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static ProblemException invalidKey() {
        return new ProblemException(ProblemCode.UNAUTHORIZED, "the API key is not valid (unknown or revoked)");
    }
}
