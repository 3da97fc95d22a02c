package io.codac.scheduler.verification;

import io.codac.scheduler.verification.domain.Verification;
import io.codac.scheduler.verification.domain.VerificationLedger;

import java.util.Set;

/**
 * Puts a waiting verification in this instance's line: recorded as queued in the ledger first (so the line can be
 * rebuilt after a restart or a rebalance), then offered. A full line leaves the verification as it was, due in the
 * ledger, to be offered again by a later sweep.
 */
public final class QueueingVerifications {

    private final VerificationLedger ledger;
    private final WaitingLine line;

    public QueueingVerifications(VerificationLedger ledger, WaitingLine line) {
        this.ledger = ledger;
        this.line = line;
    }

    /** @return true when the verification is in the line now */
    public boolean enqueue(Verification pending) {
        if (!line.hasRoom()) {
            return false;
        }
        return ledger.save(pending.queued()).map(line::offer).orElse(false);
    }

    /**
     * Puts a new request, registered in the ledger already queued ({@link Verification#queued()}), in the line: it
     * has no attempts yet, so placing it needs no read of them.
     *
     * @return true when it is in the line now
     */
    public boolean enqueueNew(Verification registeredQueued) {
        return line.offer(registeredQueued, Set.of());
    }
}
