package io.codac.scheduler.verification;

import io.codac.scheduler.verification.domain.VerificationLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Results the broker acknowledged, recorded as published in the ledger in batches by the sweep (well within the
 * republish delay), so that completing a verification waits neither for the broker nor for a second write. A mark
 * lost with a crash costs one more publication of the same result (same event id), which consumers deduplicate.
 */
public final class PublishedResults {

    private static final Logger log = LoggerFactory.getLogger(PublishedResults.class);
    private static final int BATCH = 500;

    private final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private final VerificationLedger ledger;

    public PublishedResults(VerificationLedger ledger) {
        this.ledger = ledger;
    }

    public void acknowledged(String verificationId) {
        acknowledged.add(verificationId);
    }

    /** Writes the marks collected so far. */
    public void flush() {
        List<String> batch = new ArrayList<>();
        for (String id = acknowledged.poll(); id != null; id = acknowledged.poll()) {
            batch.add(id);
            if (batch.size() == BATCH) {
                write(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            write(batch);
        }
    }

    private void write(List<String> batch) {
        try {
            ledger.resultsPublished(batch);
        } catch (RuntimeException e) {
            acknowledged.addAll(batch); // the next sweep tries again
            log.warn("could not record {} result(s) as published: {}", batch.size(), e.toString());
        }
    }
}
