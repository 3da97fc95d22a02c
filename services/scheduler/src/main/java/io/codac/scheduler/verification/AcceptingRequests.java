package io.codac.scheduler.verification;

import io.codac.contracts.domain.VerificationStatus;
import io.codac.contracts.event.VerificationRequested;
import io.codac.scheduler.fleet.domain.FleetView;
import io.codac.scheduler.verification.domain.Verification;
import io.codac.scheduler.verification.domain.VerificationLedger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Takes a new verification request into the ledger and tries to place its first attempt at once. A request
 * whose id the ledger already knows (a redelivery, or a duplicate from upstream) changes nothing. A request of a
 * client that already has verifications waiting goes into the line behind them ({@link WaitingLine}, fair between
 * clients); one that cannot be placed now stays {@code PENDING} and due in the ledger, where the sweep puts it in
 * the line.
 */
public final class AcceptingRequests {

    private static final Logger log = LoggerFactory.getLogger(AcceptingRequests.class);

    private final VerificationLedger ledger;
    private final DispatchingAttempts dispatching;
    private final CompletingVerifications completing;
    private final SchedulingSettings settings;
    private final WaitingLine line;
    private final QueueingVerifications queueing;
    private final FleetView fleet;
    private final ParallelWork placing;
    private final Clock clock;

    public AcceptingRequests(VerificationLedger ledger, DispatchingAttempts dispatching,
                             CompletingVerifications completing, SchedulingSettings settings, WaitingLine line,
                             QueueingVerifications queueing, FleetView fleet, ParallelWork placing,
                             Clock clock) {
        this.placing = placing;
        this.ledger = ledger;
        this.dispatching = dispatching;
        this.completing = completing;
        this.settings = settings;
        this.line = line;
        this.queueing = queueing;
        this.fleet = fleet;
        this.clock = clock;
    }

    /** A request and the requests-topic partition it came from ({@code null}: unknown). */
    public record Request(VerificationRequested request, Integer partition) {
    }

    public void onRequested(VerificationRequested request) {
        onRequested(request, null);
    }

    /** @param partition the requests-topic partition the request came from ({@code null}: unknown) */
    public void onRequested(VerificationRequested request, Integer partition) {
        onRequested(List.of(new Request(request, partition)));
    }

    /**
     * Takes requests in their order, registered together (one write for a whole poll of them: a client's burst of
     * thousands is in the line within moments, so the next client's order is not held behind it in Kafka). Those
     * that go into the line are registered queued; the others are placed at once while the fleet has free starts
     * — as many as it had when the batch came, so a burst fills the free room and waits in the line for the rest.
     */
    public void onRequested(List<Request> requests) {
        Instant now = clock.instant();
        int freeStarts = fleet.freeStarts();
        Set<String> clientsQueuedNow = new HashSet<>();
        Set<String> queuedIds = new HashSet<>();
        List<VerificationLedger.Registration> registrations = new ArrayList<>(requests.size());
        for (Request next : requests) {
            Verification requested = requested(next.request(), now);
            // Behind the client's own verifications already waiting (FIFO within a client), or, with every trunk
            // full, in the line where its client's turn comes round whatever others have queued: registered queued.
            boolean dialable = requested.needsDialing() && !requested.isExpiredAt(now);
            boolean toTheLine = dialable && (line.hasWaiting(requested.clientId())
                    || clientsQueuedNow.contains(requested.clientId()) || freeStarts <= 0);
            if (toTheLine) {
                clientsQueuedNow.add(requested.clientId());
                queuedIds.add(requested.id());
            } else if (dialable) {
                freeStarts--;
            }
            registrations.add(new VerificationLedger.Registration(
                    toTheLine && line.hasRoom() ? requested.queued() : requested, next.partition()));
        }
        List<Verification> toPlace = new ArrayList<>();
        for (Verification verification : ledger.registerAll(registrations)) {
            take(verification, queuedIds.contains(verification.id()), now, toPlace);
        }
        // On the placement threads: a burst that fills the free room is placed in a fraction of the time one thread
        // would take. One that fails stays registered and due: the sweep places it.
        placing.runAll(toPlace, verification -> dispatching.dispatch(verification, Set.of()));
    }

    private Verification requested(VerificationRequested request, Instant now) {
        Instant requestedAt = request.occurredAt() != null ? request.occurredAt() : now;
        Instant expiresAt = request.expiresAt() != null ? request.expiresAt() : requestedAt.plus(settings.defaultTtl());
        return Verification.requested(request.verificationId(), request.clientId(), request.phoneNumber(),
                request.method(), requestedAt, expiresAt, now);
    }

    private void take(Verification verification, boolean toTheLine, Instant now, List<Verification> toPlace) {
        log.debug("verification {} registered{}", verification.id(), verification.isQueued() ? ", queued" : "");
        if (verification.isExpiredAt(now)) {
            completing.complete(verification, VerificationStatus.EXPIRED, "expired before it could be scheduled");
        } else if (verification.isQueued()) {
            if (!queueing.enqueueNew(verification)) {
                dispatching.notPlacedForNow(verification);
            }
        } else if (toTheLine) {
            // The line was full: due again after the placement retry delay, offered to the line by the sweep.
            dispatching.notPlacedForNow(verification);
        } else if (verification.needsDialing()) {
            // Nothing of this client waits: placed at once if a trunk has room (one that cannot be is due again
            // after the placement retry delay and then waits in the line).
            toPlace.add(verification);
        }
    }
}
