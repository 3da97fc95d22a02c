package io.codac.scheduler.verification;

import io.codac.contracts.domain.VerificationStatus;
import io.codac.scheduler.fleet.domain.FleetView;
import io.codac.scheduler.fleet.domain.LivenessTransitions;
import io.codac.scheduler.verification.domain.Attempt;
import io.codac.scheduler.verification.domain.PartitionScope;
import io.codac.scheduler.verification.domain.Verification;
import io.codac.scheduler.verification.domain.VerificationLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs often (every ~100 ms) over whatever is due in the ledger for this instance's partitions, so that nothing
 * waits only in memory and a restart loses nothing. In this order, each kind fetched on its own so that none can
 * starve another:
 *
 * <ol>
 *   <li>everyone's trunk use from the shared capacity ledger, and this instance's leases renewed when due
 *       ({@link SharedCapacity});</li>
 *   <li>servers the fleet view declared dead since the last sweep: their unstarted attempts move
 *       ({@link FailingOver});</li>
 *   <li>the outbox: dial commands recorded but never acknowledged by the broker ({@link RelayingCommands});</li>
 *   <li>follow-ups: an {@code IN_PROGRESS} verification whose attempt's window passed without an end → the
 *       attempt is presumed lost and settled; a terminal one whose result was not confirmed published →
 *       published again;</li>
 *   <li>overdue attempts: a live attempt of a verification already complete (verified while it rang) whose end
 *       never came → presumed lost, which frees its channel and its number;</li>
 *   <li>due ({@code PENDING}) verifications — retries whose time came, and those that could not be placed a moment
 *       ago: expired → {@code EXPIRED}; otherwise into this instance's {@link WaitingLine}, while it has room;</li>
 *   <li>verifications in the line whose time to live passed → {@code EXPIRED};</li>
 *   <li>the line, in its fair order (round robin between clients), placed while any trunk has room.</li>
 * </ol>
 *
 * <p>Every write is optimistic, so a sweep racing a Kafka listener (or another instance's sweep) over the same
 * verification cannot place it twice. Single-threaded by its caller, but for {@link #placeFromLine()}, which also
 * runs between sweeps.
 */
public final class SweepingLedger {

    private static final Logger log = LoggerFactory.getLogger(SweepingLedger.class);

    /** The most verifications taken from the line in one round (then the fleet's free room is read again). */
    private static final int MAX_ROUND = 64;

    private final VerificationLedger ledger;
    private final FleetView fleet;
    private final DispatchingAttempts dispatching;
    private final SettlingAttempts settling;
    private final CompletingVerifications completing;
    private final RelayingCommands relaying;
    private final FailingOver failingOver;
    private final SharedCapacity capacity;
    private final OwnedPartitions owned;
    private final WaitingLine line;
    private final QueueingVerifications queueing;
    private final SentCommands sent;
    private final PublishedResults published;
    private final ParallelWork placing;
    private final SchedulerMetrics metrics;
    private final SchedulingSettings settings;
    private final Clock clock;
    private final ReentrantLock placingFromLine = new ReentrantLock();

    public SweepingLedger(VerificationLedger ledger, FleetView fleet, DispatchingAttempts dispatching,
                          SettlingAttempts settling, CompletingVerifications completing, RelayingCommands relaying,
                          FailingOver failingOver, SharedCapacity capacity, OwnedPartitions owned, WaitingLine line,
                          QueueingVerifications queueing, SentCommands sent, PublishedResults published,
                          ParallelWork placing, SchedulerMetrics metrics, SchedulingSettings settings,
                          Clock clock) {
        this.ledger = ledger;
        this.fleet = fleet;
        this.dispatching = dispatching;
        this.settling = settling;
        this.completing = completing;
        this.relaying = relaying;
        this.failingOver = failingOver;
        this.capacity = capacity;
        this.owned = owned;
        this.line = line;
        this.queueing = queueing;
        this.sent = sent;
        this.published = published;
        this.placing = placing;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    public void sweep() {
        PartitionScope scope = owned.scope();
        if (scope.isEmpty()) {
            return;
        }
        sent.flush();
        published.flush();
        capacity.refresh(false);
        moveWorkOfDeadServers(scope);
        relaying.relay(scope);
        Instant now = clock.instant();
        List<Verification> followUps = ledger.dueFollowUps(now, settings.sweepBatch(), scope);
        for (Verification verification : followUps) {
            guarded(verification, () -> followUp(verification, now));
        }
        List<Attempt> overdue = ledger.overdueLiveAttempts(now, settings.sweepBatch(), scope);
        for (Attempt attempt : overdue) {
            try {
                log.warn("attempt {} of verification {} reported no end in its window; presumed lost",
                        attempt.attemptId(), attempt.verificationId());
                settling.lost(attempt);
            } catch (RuntimeException e) {
                log.warn("sweep could not close overdue attempt {}; it stays due", attempt.attemptId(), e);
            }
        }
        List<Verification> pending = line.hasRoom() ? ledger.duePending(now, settings.sweepBatch(), scope) : List.of();
        for (Verification verification : pending) {
            guarded(verification, () -> enqueueOrExpire(verification, now));
        }
        List<Verification> expired = ledger.queuedExpired(now, settings.sweepBatch(), scope);
        for (Verification verification : expired) {
            line.remove(verification.id());
            guarded(verification, () -> completing.complete(verification, VerificationStatus.EXPIRED,
                    "time to live passed without a verdict"));
        }
        if (line.isEmpty()) {
            // Queued rows the line does not hold (more than it held at a rebuild, or lost in a race with one).
            line.replaceWith(ledger.queued(line.capacity(), scope));
        }
        int placedFromLine = placeFromLine();
        metrics.dueInLastSweep(followUps.size() + overdue.size() + pending.size() + expired.size() + placedFromLine);
    }

    /** Acts once per death the fleet view reports; a server back from the dead is ramped up by the view itself. */
    private void moveWorkOfDeadServers(PartitionScope scope) {
        LivenessTransitions transitions = fleet.transitions();
        for (String serverId : transitions.died()) {
            try {
                failingOver.serverDied(serverId, scope);
            } catch (RuntimeException e) {
                // Its attempts stay as they are: in doubt until their window ends, as without a failover.
                log.warn("could not move the work of dead server {}", serverId, e);
            }
        }
        for (String serverId : transitions.cameBack()) {
            log.info("server {} is back: ramping it up into use", serverId);
        }
    }

    private void guarded(Verification verification, Runnable handling) {
        try {
            handling.run();
        } catch (RuntimeException e) {
            log.warn("sweep could not handle verification {} ({}); it stays due", verification.id(),
                    verification.status(), e);
        }
    }

    private void followUp(Verification verification, Instant now) {
        if (verification.status() == VerificationStatus.IN_PROGRESS) {
            presumeLost(verification, now);
        } else if (verification.isTerminal()) {
            completing.republishResult(verification);
        }
    }

    private void enqueueOrExpire(Verification verification, Instant now) {
        if (verification.isExpiredAt(now)) {
            completing.complete(verification, VerificationStatus.EXPIRED, "time to live passed without a verdict");
        } else if (verification.needsDialing()) {
            queueing.enqueue(verification);
        }
    }

    /**
     * Places from the line on whatever trunks have room now. The sweep does it, and a thread of its own does it between
     * sweeps ({@code codac.scheduler.line-placement-interval}): trunk slots free continuously, the sweep comes only every
     * so often. One round at a time, whoever calls; an empty line or a full fleet returns at once.
     *
     * @return how many verifications were taken from the line
     */
    public int placeFromLine() {
        if (line.isEmpty() || owned.scope().isEmpty()) {
            return 0;
        }
        placingFromLine.lock();
        try {
            return placeFromLine(clock.instant());
        } finally {
            placingFromLine.unlock();
        }
    }

    /**
     * Places waiting verifications in the line's fair order, in rounds of as many as the fleet can start now, each
     * round on the placement threads ({@link ParallelWork}), at most a sweep batch in all. One
     * that cannot be placed after all (its number in a call, its untried trunks full) goes back to the ledger, due
     * after the placement retry delay, and then into the line again behind its client's others.
     */
    private int placeFromLine(Instant now) {
        int handled = 0;
        while (handled < settings.sweepBatch()) {
            int round = Math.min(Math.min(fleet.freeStarts(), settings.sweepBatch() - handled), MAX_ROUND);
            List<WaitingLine.Waiting> next = new ArrayList<>(round);
            for (int i = 0; i < round; i++) {
                Optional<WaitingLine.Waiting> waiting = line.poll();
                if (waiting.isEmpty()) {
                    break;
                }
                next.add(waiting.get());
            }
            if (next.isEmpty()) {
                break;
            }
            handled += next.size();
            var placed = new AtomicInteger();
            var backToTheFront = new AtomicInteger();
            placing.runAll(next, waiting -> {
                DispatchingAttempts.Dispatch outcome = placeWaiting(waiting, now);
                if (outcome == DispatchingAttempts.Dispatch.PLACED) {
                    placed.incrementAndGet();
                } else if (waiting.first() && outcome == DispatchingAttempts.Dispatch.NOT_PLACED) {
                    backToTheFront.incrementAndGet();
                }
            });
            if (placed.get() == 0 && backToTheFront.get() > 0) {
                // The room left is on trunks the work offered first cannot take, and it is back at the front: polling
                // again now would only take it again. The next call, once more room freed, tries again.
                break;
            }
        }
        return handled;
    }

    /**
     * Places a verification from the line as it was queued, without reading it again. If that snapshot went stale (a
     * write elsewhere since: the ledger refused it), the verification is read once and, if it still waits in a line,
     * placed as it is now.
     */
    private DispatchingAttempts.Dispatch placeWaiting(WaitingLine.Waiting waiting, Instant now) {
        Verification queued = waiting.verification();
        var outcome = new AtomicReference<DispatchingAttempts.Dispatch>();
        guarded(queued, () -> {
            outcome.set(placeOrExpire(queued, waiting.trunksTried(), waiting.first(), now));
            if (outcome.get() != DispatchingAttempts.Dispatch.STALE) {
                return;
            }
            ledger.find(queued.id()).filter(Verification::isQueued)
                    .ifPresent(current -> outcome.set(placeOrExpire(current, null, waiting.first(), now)));
        });
        return outcome.get();
    }

    private DispatchingAttempts.Dispatch placeOrExpire(Verification queued, Set<String> trunksTried, boolean first,
                                                       Instant now) {
        if (queued.isExpiredAt(now)) {
            // A stale snapshot is not completed here; the sweep's expiry of queued rows reads it afresh.
            completing.complete(queued, VerificationStatus.EXPIRED, "time to live passed without a verdict");
            return DispatchingAttempts.Dispatch.NOT_PLACED;
        }
        return first ? dispatching.placeAtOnce(queued, trunksTried) : dispatching.place(queued, trunksTried);
    }

    private void presumeLost(Verification verification, Instant now) {
        Optional<Attempt> live = ledger.attemptsOf(verification.id()).stream().filter(Attempt::isLive).findFirst();
        if (live.isPresent()) {
            log.warn("attempt {} of verification {} reported no end in its window; presumed lost",
                    live.get().attemptId(), verification.id());
            settling.lost(live.get());
        } else {
            // In progress with no live attempt cannot come from this code; put it back in line rather than strand it.
            ledger.save(verification.waitingUntil(now));
        }
    }
}
