package io.codac.scheduler.verification;

import io.codac.scheduler.verification.domain.Verification;
import io.codac.scheduler.verification.domain.VerificationLedger;

import java.util.Optional;
import java.util.Set;

/**
 * Puts a waiting verification in this instance's line: recorded as queued in the ledger first (so the line can be
 * rebuilt after a restart or a rebalance), then offered. A full line leaves the verification as it was, due in the
 * ledger, to be offered again by a later sweep.
 */
public final class QueueingVerifications {

    private final VerificationLedger ledger;
    private final WaitingLine line;
    private final DispatchingAttempts dispatching;

    public QueueingVerifications(VerificationLedger ledger, WaitingLine line, DispatchingAttempts dispatching) {
        this.ledger = ledger;
        this.line = line;
        this.dispatching = dispatching;
    }

    /** @return true when the verification is in the line now */
    public boolean enqueue(Verification pending) {
        if (!line.hasRoom()) {
            return false;
        }
        Optional<Verification> queued = ledger.save(pending.queued());
        if (queued.isEmpty()) {
            return false;
        }
        if (line.offer(queued.get())) {
            return true;
        }
        // The line filled up since it had room: queued in the ledger but in no line, it would wait for a rebuild.
        dispatching.notPlacedForNow(queued.get());
        return false;
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
