package io.codac.ingest.verification.domain;

import io.codac.contracts.domain.VerificationMethod;

import java.time.Duration;
import java.util.Map;

/**
 * A request that passed every rule: the number in E.164, the method, and the dial-in number the shopper
 * must ring when the method is {@code MISSED_CALL} ({@code null} otherwise).
 */
public record VerificationRequest(
        String phoneNumber,
        VerificationMethod method,
        String clientRef,
        String callbackUrl,
        Duration ttl,
        Map<String, String> metadata,
        String dialInNumber) {

    public VerificationRequest {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
