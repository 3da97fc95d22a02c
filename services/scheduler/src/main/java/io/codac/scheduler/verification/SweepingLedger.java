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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
    /** Verifications tried from the line in a row without a placement before a call gives up (see placeFromLine). */
    private static final int MAX_FRUITLESS = 64;

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
    private final ThrottledWarning failures;

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
        this.failures = new ThrottledWarning(Duration.ofSeconds(5), clock);
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
     * round on the placement threads ({@link ParallelWork}), at most a sweep batch in all. One that finds no trunk it
     * may take with room (the room is on trunks its number should avoid, or on a route failing for its operator) is
     * held aside and the next ones are tried, so room one verification cannot use goes to one that can; at the end
     * every one held aside goes back to the place it left ({@link WaitingLine#putBack}), to be tried first when room
     * frees. {@value #MAX_FRUITLESS} tries in a row without a placement end the call: the room left is no use to the
     * line's head. One that cannot be placed for another reason (its number in a call) goes back to the ledger, due
     * after the placement retry delay, and then into the line again behind its client's others.
     */
    private int placeFromLine(Instant now) {
        int handled = 0;
        int fruitless = 0;
        List<WaitingLine.Waiting> heldAside = new ArrayList<>();
        try {
            while (handled < settings.sweepBatch() && fruitless < MAX_FRUITLESS) {
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
                var failed = new AtomicInteger();
                var toPutBack = new ConcurrentHashMap<String, WaitingLine.Waiting>();
                placing.runAll(next, waiting -> {
                    Placing tried = placeWaiting(waiting, now);
                    if (tried.outcome() == DispatchingAttempts.Dispatch.PLACED) {
                        placed.incrementAndGet();
                    } else if (tried.outcome() == DispatchingAttempts.Dispatch.NO_ROOM || tried.failed()) {
                        toPutBack.put(waiting.verification().id(), tried.asTried());
                        failed.addAndGet(tried.failed() ? 1 : 0);
                    }
                });
                next.stream().map(w -> toPutBack.get(w.verification().id())).filter(Objects::nonNull)
                        .forEach(heldAside::add); // in poll order
                if (failed.get() > 0) {
                    break; // the ledger or the fleet's shared state failing: the next call tries again
                }
                fruitless = placed.get() > 0 ? 0 : fruitless + next.size();
            }
        } finally {
            line.putBack(heldAside);
        }
        return handled;
    }

    /**
     * What placing one verification from the line came to.
     *
     * @param asTried the verification as it was last tried, with the trunks it was tried on: what goes back into the
     *                line when it found no room, or when trying failed
     * @param failed  trying threw (the ledger, the broker or Redis failing): it goes back into the line, since a
     *                queued verification left out of the line would wait for the next rebuild
     */
    private record Placing(DispatchingAttempts.Dispatch outcome, WaitingLine.Waiting asTried, boolean failed) {

        Placing(DispatchingAttempts.Dispatch outcome, WaitingLine.Waiting asTried) {
            this(outcome, asTried, false);
        }
    }

    /**
     * Places a verification from the line as it was queued, without reading it again. If that snapshot went stale (a
     * write elsewhere since: the ledger refused it), the verification is read once and, if it still waits in a line,
     * placed as it is now. The trunks it was tried on are read at most once per try, and kept with it if it goes back
     * into the line.
     */
    private Placing placeWaiting(WaitingLine.Waiting waiting, Instant now) {
        try {
            Placing placing = placeOrExpire(waiting, now);
            if (placing.outcome() != DispatchingAttempts.Dispatch.STALE) {
                return placing;
            }
            Optional<Verification> current = ledger.find(waiting.verification().id()).filter(Verification::isQueued);
            return current.isPresent()
                    ? placeOrExpire(new WaitingLine.Waiting(current.get(), null, waiting.first()), now)
                    : placing;
        } catch (RuntimeException e) {
            failures.warn(log, "could not place verification " + waiting.verification().id()
                    + " from the line; it keeps its place and is tried again", e);
            return new Placing(DispatchingAttempts.Dispatch.NOT_PLACED, waiting, true);
        }
    }

    private Placing placeOrExpire(WaitingLine.Waiting waiting, Instant now) {
        Verification queued = waiting.verification();
        if (queued.isExpiredAt(now)) {
            // A stale snapshot is not completed here; the sweep's expiry of queued rows reads it afresh.
            completing.complete(queued, VerificationStatus.EXPIRED, "time to live passed without a verdict");
            return new Placing(DispatchingAttempts.Dispatch.NOT_PLACED, waiting);
        }
        Set<String> trunksTried = waiting.trunksTried() != null ? waiting.trunksTried()
                : DispatchingAttempts.trunksTried(ledger.attemptsOf(queued.id()));
        var asTried = new WaitingLine.Waiting(queued, trunksTried, waiting.first());
        return new Placing(dispatching.placeFromLine(asTried), asTried);
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
