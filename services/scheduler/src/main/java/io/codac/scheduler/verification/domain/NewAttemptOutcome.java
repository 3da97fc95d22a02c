package io.codac.scheduler.verification.domain;

/** What became of recording a verification's new attempt in the ledger. */
public sealed interface NewAttemptOutcome {

    /** The attempt is recorded, its number is held by it, and the verification saved as {@code saved}. */
    record Recorded(Verification saved) implements NewAttemptOutcome {
    }

    /** The verification changed since it was read (another thread or instance got there first): nothing written. */
    record VerificationChanged() implements NewAttemptOutcome {
    }

    /** Another attempt is live on the same number: nothing written, the verification must wait for that call to end. */
    record NumberInCall() implements NewAttemptOutcome {
    }
}
