package io.codac.contracts.event;

import io.codac.contracts.domain.VerificationStatus;

import java.time.Instant;
import java.util.List;

/** A verification reached its terminal status. Keyed by client, so each client's results stay in order. */
public record VerificationCompleted(
        String eventId,
        Instant occurredAt,
        String verificationId,
        String clientId,
        String phoneNumber,
        VerificationStatus status,
        String reason,
        Instant requestedAt,
        List<AttemptSummary> attempts) implements CodacEvent {

    public VerificationCompleted {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        if (status != null && !status.isTerminal()) {
            throw new IllegalArgumentException("a completed verification needs a terminal status, not " + status);
        }
    }

    @Override
    public String key() {
        return clientId;
    }
}
