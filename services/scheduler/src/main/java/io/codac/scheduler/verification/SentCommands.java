package io.codac.scheduler.verification;

import io.codac.scheduler.verification.domain.VerificationLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Dial commands the broker acknowledged, marked sent in the ledger in batches by the sweep (well within the relay's
 * delay), so that placing an attempt waits neither for the broker nor for a second write. A mark lost with a crash
 * costs one duplicate publication by the relay, which the adapter ignores (same attempt id).
 */
public final class SentCommands {

    private static final Logger log = LoggerFactory.getLogger(SentCommands.class);
    private static final int BATCH = 500;

    private final ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private final VerificationLedger ledger;
    private final Clock clock;

    public SentCommands(VerificationLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    public void acknowledged(String attemptId) {
        acknowledged.add(attemptId);
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
            ledger.commandsSent(batch, clock.instant());
        } catch (RuntimeException e) {
            acknowledged.addAll(batch); // the next sweep tries again; the relay waits for them meanwhile
            log.warn("could not mark {} dial command(s) sent: {}", batch.size(), e.toString());
        }
    }
}
