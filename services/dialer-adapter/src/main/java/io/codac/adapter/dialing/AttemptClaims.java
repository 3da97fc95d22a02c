package io.codac.adapter.dialing;

import io.codac.adapter.reconcile.domain.OpenAttempt;

/**
 * The durable memory of which attempts this fleet already dialed or handed back. It is what makes a
 * redelivered, duplicated or replayed dial command harmless.
 */
public interface AttemptClaims {

    /**
     * Claims the attempt for this server before it is dialed and, in the same atomic step, records it among
     * the server's {@link OpenAttempts}. Exactly one claim per attempt ever succeeds, fleet-wide, for as long
     * as the claim lives. Atomic because a process killed between a claim and its record would leave an
     * attempt that every redelivery skips as claimed and no reconciliation knows of: never reported ended.
     */
    ClaimOutcome claim(OpenAttempt attempt);

    /**
     * Remembers that this server handed the attempt back undialed, unless the attempt is already claimed
     * (then it was, or is being, dialed, and must not be reported as never dialed).
     */
    HandBackOutcome markHandedBack(String attemptId);

    enum ClaimOutcome {
        /** Ours: dial it. */
        CLAIMED,
        /** Someone already claimed it: it was, or is being, dialed. Skip it. */
        ALREADY_CLAIMED,
        /** This server handed it back earlier: report that again, never dial it. */
        HANDED_BACK_EARLIER
    }

    enum HandBackOutcome {
        /** Remembered as handed back: report it to the scheduler. */
        MARKED,
        /** Already claimed: it was dialed, so it must not be reported as handed back. */
        ALREADY_CLAIMED
    }
}
