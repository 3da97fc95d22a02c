package io.codac.ingest.verification.domain;

import io.codac.contracts.domain.VerificationStatus;

import java.time.Instant;
import java.util.List;

/**
 * A verification as its client sees it: the status from the query model (reporting's timeline) with its
 * call attempts, or {@code PENDING} from ingest's own record while the timeline catches up.
 * Status and method are the names the timeline holds ({@link VerificationStatus} and
 * {@code VerificationMethod} names).
 *
 * @param dialInNumber {@code MISSED_CALL} only: the number the shopper must ring (from ingest's own record)
 */
public record VerificationView(
        String id,
        String status,
        String phoneNumber,
        String method,
        String dialInNumber,
        String clientRef,
        Instant createdAt,
        Instant expiresAt,
        Instant completedAt,
        String reason,
        List<AttemptView> attempts) {

    public VerificationView {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
    }

    public static VerificationView pending(AcceptedVerification accepted) {
        return new VerificationView(accepted.verificationId(), VerificationStatus.PENDING.name(),
                accepted.phoneNumber(), accepted.method().name(), accepted.dialInNumber(), accepted.clientRef(),
                accepted.createdAt(),
                accepted.expiresAt(), null, null, List.of());
    }

    /** One call placed for the verification, with its times, its Q.850 cause and how it was classified. */
    public record AttemptView(
            String attemptId,
            Integer attemptNumber,
            Instant startedAt,
            Instant ringingAt,
            Instant answeredAt,
            Instant endedAt,
            Integer cause,
            String causeText,
            String outcome) {
    }
}
