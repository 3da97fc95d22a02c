package io.codac.contracts.event;

import io.codac.contracts.domain.VerificationMethod;

import java.time.Instant;
import java.util.Map;

/** A client asked us to verify a number; ingest publishes it once Kafka has it durably. Keyed by number. */
public record VerificationRequested(
        String eventId,
        Instant occurredAt,
        String verificationId,
        String clientId,
        String phoneNumber,
        VerificationMethod method,
        String clientRef,
        String callbackUrl,
        Instant expiresAt,
        String dialInNumber,
        Map<String, String> metadata) implements CodacEvent {

    public VerificationRequested {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    @Override
    public String key() {
        return phoneNumber;
    }
}
