package io.codac.scheduler.verification;

import io.codac.scheduler.verification.domain.VerificationLedger;

/**
 * Results the broker acknowledged, recorded as published in the ledger in batches by the sweep (well within the
 * republish delay), so that completing a verification waits neither for the broker nor for a second write. A mark
 * lost with a crash costs one more publication of the same result (same event id), which consumers deduplicate.
 */
public final class PublishedResults {

    private final BatchedMarks marks;

    public PublishedResults(VerificationLedger ledger) {
        this.marks = new BatchedMarks("result(s) recorded as published", ledger::resultsPublished);
    }

    public void acknowledged(String verificationId) {
        marks.add(verificationId);
    }

    /** Writes the marks collected so far. */
    public void flush() {
        marks.flush();
    }
}
