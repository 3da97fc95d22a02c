package io.codac.scheduler.verification;

import io.codac.scheduler.verification.domain.VerificationLedger;

import java.time.Clock;

/**
 * Dial commands the broker acknowledged, marked sent in the ledger in batches by the sweep (well within the relay's
 * delay), so that placing an attempt waits neither for the broker nor for a second write. A mark lost with a crash
 * costs one duplicate publication by the relay, which the adapter ignores (same attempt id).
 */
public final class SentCommands {

    private final BatchedMarks marks;

    public SentCommands(VerificationLedger ledger, Clock clock) {
        this.marks = new BatchedMarks("dial command(s) marked sent", ids -> ledger.commandsSent(ids, clock.instant()));
    }

    public void acknowledged(String attemptId) {
        marks.add(attemptId);
    }

    /** Writes the marks collected so far. */
    public void flush() {
        marks.flush();
    }
}
