package io.codac.scheduler.verification;

import io.codac.contracts.domain.VerificationStatus;
import io.codac.contracts.event.VerificationRequested;
import io.codac.scheduler.verification.domain.Verification;
import io.codac.scheduler.verification.domain.VerificationLedger;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * Takes a new verification request into the ledger and tries to place its first attempt at once. A request
 * whose id the ledger already knows (a redelivery, or a duplicate from upstream) changes nothing. A request
 * that cannot be placed now stays {@code PENDING} and due in the ledger, where the sweep picks it up.
 */
public final class AcceptingRequests {

    private final VerificationLedger ledger;
    private final DispatchingAttempts dispatching;
    private final CompletingVerifications completing;
    private final SchedulingSettings settings;
    private final Clock clock;

    public AcceptingRequests(VerificationLedger ledger, DispatchingAttempts dispatching,
                             CompletingVerifications completing, SchedulingSettings settings, Clock clock) {
        this.ledger = ledger;
        this.dispatching = dispatching;
        this.completing = completing;
        this.settings = settings;
        this.clock = clock;
    }

    public void onRequested(VerificationRequested request) {
        onRequested(request, null);
    }

    /** @param partition the requests-topic partition the request came from ({@code null}: unknown) */
    public void onRequested(VerificationRequested request, Integer partition) {
        Instant now = clock.instant();
        Instant requestedAt = request.occurredAt() != null ? request.occurredAt() : now;
        Instant expiresAt = request.expiresAt() != null ? request.expiresAt() : requestedAt.plus(settings.defaultTtl());
        Verification verification = Verification.requested(request.verificationId(), request.clientId(),
                request.phoneNumber(), request.method(), requestedAt, expiresAt, now);
        if (!ledger.register(verification, partition)) {
            return;
        }
        if (verification.isExpiredAt(now)) {
            completing.complete(verification, VerificationStatus.EXPIRED, "expired before it could be scheduled");
        } else if (verification.needsDialing()) {
            dispatching.dispatch(verification, Set.of());
        }
    }
}
