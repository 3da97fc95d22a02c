package io.codac.ingest.client.domain;

import io.codac.ingest.domain.RandomTokens;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Mints a client id, its first API key and its webhook secret. */
public final class CredentialIssuer {

    /** Names are labels for operators; they need not be unique, but must be printable and short. */
    public static final int MAX_NAME_LENGTH = 100;
    private static final int WEBHOOK_SECRET_BYTES = 32;
    private static final int ID_BYTES = 10;

    private final RandomTokens tokens;
    private final Clock clock;

    public CredentialIssuer(RandomTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Why a name cannot be used, or empty when it can. */
    public static Optional<String> nameViolation(String name) {
        if (name == null || name.isBlank()) {
            return Optional.of("name is required");
        }
        if (name.strip().length() > MAX_NAME_LENGTH) {
            return Optional.of("name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("name must not contain control characters");
        }
        return Optional.empty();
    }

    /** Another key for an existing client (a rotation). */
    public NewKey issueKey(String clientId) {
        String apiKey = tokens.next(ApiKeys.PREFIX, ApiKeys.RANDOM_BYTES);
        return new NewKey(clientId, tokens.next("key_", ID_BYTES), apiKey, ApiKeys.hash(apiKey),
                ApiKeys.displayPrefix(apiKey), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    public NewClient issue(String name) {
        nameViolation(name).ifPresent(violation -> {
            throw new IllegalArgumentException(violation);
        });
        String apiKey = tokens.next(ApiKeys.PREFIX, ApiKeys.RANDOM_BYTES);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new NewClient(
                tokens.next("cli_", ID_BYTES),
                name.strip(),
                tokens.next("key_", ID_BYTES),
                apiKey,
                ApiKeys.hash(apiKey),
                ApiKeys.displayPrefix(apiKey),
                tokens.next("whsec_", WEBHOOK_SECRET_BYTES),
                now);
    }
}
