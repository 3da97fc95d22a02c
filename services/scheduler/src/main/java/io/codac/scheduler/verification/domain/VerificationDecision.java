package io.codac.scheduler.verification.domain;

import io.codac.contracts.domain.VerificationStatus;

import java.time.Instant;

/** What happens to a verification after one of its attempts ended. */
public sealed interface VerificationDecision {

    /** Report this terminal status; no more calls. */
    record Complete(VerificationStatus status, String reason) implements VerificationDecision {
        public Complete {
            if (!status.isTerminal()) {
                throw new IllegalArgumentException(status + " is not terminal");
            }
        }
    }

    /** Place another attempt at once, on another trunk if there is one. */
    record RetryNow(String reason) implements VerificationDecision {
    }

    /** Place another attempt no earlier than {@code at}. */
    record RetryLater(Instant at, String reason) implements VerificationDecision {
    }
}
