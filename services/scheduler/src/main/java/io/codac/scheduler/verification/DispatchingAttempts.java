package io.codac.scheduler.verification;

import io.codac.contracts.domain.PhoneNumberMask;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.event.DialCommand;
import io.codac.contracts.phone.DestinationOperators;
import io.codac.scheduler.capacity.domain.Acquisition;
import io.codac.scheduler.fleet.domain.FleetView;
import io.codac.scheduler.memory.domain.AttemptMemory;
import io.codac.scheduler.placement.domain.NoPlacement;
import io.codac.scheduler.placement.domain.NoPlacementReason;
import io.codac.scheduler.placement.domain.Placement;
import io.codac.scheduler.placement.domain.PlacementDecision;
import io.codac.scheduler.placement.domain.PlacementRequest;
import io.codac.scheduler.verification.domain.Attempt;
import io.codac.scheduler.verification.domain.NewAttemptOutcome;
import io.codac.scheduler.verification.domain.Verification;
import io.codac.scheduler.verification.domain.VerificationLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Places the next attempt of a pending verification: reserve a trunk in the fleet view, write the attempt with its
 * dial command to the ledger, then send the command; once the broker acknowledged it, it is marked sent
 * ({@link SentCommands}, in batches).
 *
 * <p>The order is what keeps a number from being dialed twice: the ledger write is optimistic, so of two
 * threads (or instances) dispatching the same verification only one records an attempt, and only the one
 * that recorded it publishes. The attempt's row is the command's outbox (ADR 0007): if the publication fails, or
 * this process dies right after the write, {@link RelayingCommands} publishes the same command again (the adapter
 * dials an attempt id once however often its command arrives), or, once the command's {@code notAfter} has passed,
 * fences it and places the verification again.
 *
 * <p>The ledger write also takes the number: it fails, and nothing is written, while another verification's
 * attempt on the same number is live — the ledger enforces that across threads and instances. Such a verification
 * is looked at again after the placement retry delay, behind the others waiting, so it never blocks the sweep's
 * queue. One that finds no trunk it may take with room waits in the line instead, and keeps its place there: it
 * takes the next room that frees for it.
 */
public final class DispatchingAttempts {

    private static final Logger log = LoggerFactory.getLogger(DispatchingAttempts.class);

    /** Trunks tried per placement when the shared ledger refuses the fleet view's choice. */
    private static final int MAX_CHOICES = 3;

    private final VerificationLedger ledger;
    private final FleetView fleet;
    private final DialCommandPublisher commands;
    private final SchedulerMetrics metrics;
    private final SchedulingSettings settings;
    private final AttemptMemory memory;
    private final SharedCapacity capacity;
    private final SentCommands sent;
    private final WaitingLine line;
    private final DestinationOperators operators = new DestinationOperators();
    private final Clock clock;

    public DispatchingAttempts(VerificationLedger ledger, FleetView fleet, DialCommandPublisher commands,
                               SchedulerMetrics metrics, SchedulingSettings settings, AttemptMemory memory,
                               SharedCapacity capacity, SentCommands sent, WaitingLine line, Clock clock) {
        this.ledger = ledger;
        this.fleet = fleet;
        this.commands = commands;
        this.metrics = metrics;
        this.settings = settings;
        this.memory = memory;
        this.capacity = capacity;
        this.sent = sent;
        this.line = line;
        this.clock = clock;
    }

    /** What became of a placement. */
    public enum Dispatch {
        /** An attempt was recorded (and its command sent, or left in doubt for the relay). */
        PLACED,
        /**
         * It could not be placed now: it waits — its number in a call, due again a moment later; no room, in the
         * line (a new request, the tail of its client's; work that must not wait its turn, the front lane).
         */
        NOT_PLACED,
        /**
         * Taken from the line (queued in the ledger), it found no trunk it may take with room: nothing was written
         * and it is in no line now — the caller puts it back where it was ({@link WaitingLine#putBack}).
         */
        NO_ROOM,
        /** The verification had changed since it was read: nothing was written. */
        STALE
    }

    /**
     * @return true when an attempt was recorded (and its command sent, or left in doubt); false when it could not
     *         be placed now (the verification keeps waiting) or another thread changed the verification first
     */
    public boolean dispatch(Verification pending, Set<String> trunksTried) {
        return place(pending, trunksTried, false, false) == Dispatch.PLACED;
    }

    /**
     * Places work that must not wait its turn — a dead server's unstarted attempt, an attempt handed back, a retry at
     * once after a route failure — now if a trunk has room for it, and otherwise first in this instance's line
     * ({@link WaitingLine#offerFirst}): it takes the next slot that frees, ahead of the requests still waiting for their
     * first attempt (which would otherwise take every slot as it frees).
     *
     * @param trunksTried the trunks its earlier attempts used; {@code null}: read them from the ledger
     */
    public Dispatch placeAtOnce(Verification pending, Set<String> trunksTried) {
        return place(pending, trunksTried, true, false);
    }

    /**
     * Places a verification just taken from the waiting line, as the line held it: the ledger's write is optimistic,
     * so a snapshot gone stale comes back {@link Dispatch#STALE} with nothing written. One that finds no room comes
     * back {@link Dispatch#NO_ROOM}, for the caller to put back in the line.
     */
    public Dispatch placeFromLine(WaitingLine.Waiting waiting) {
        return place(waiting.verification(), waiting.trunksTried(), waiting.first(), true);
    }

    private Dispatch place(Verification pending, Set<String> knownTrunksTried, boolean firstInLine,
                           boolean fromLine) {
        Set<String> trunksTried = knownTrunksTried != null ? knownTrunksTried
                : trunksTried(ledger.attemptsOf(pending.id()));
        PlacementRequest request = new PlacementRequest(pending.id(), pending.clientId(),
                operators.operatorOf(pending.phoneNumber()), trunksToAvoid(pending, trunksTried));
        for (int choice = 1; ; choice++) {
            String attemptId = UUID.randomUUID().toString();
            PlacementDecision decision = fleet.reserve(attemptId, request);
            if (decision instanceof NoPlacement none) {
                return noRoom(pending, trunksTried, none.reason(), firstInLine, fromLine);
            }
            Placement placement = (Placement) decision;
            Acquisition acquisition = capacity.acquire(placement.trunk(), attemptId);
            if (acquisition.holds()) {
                return record(pending, placement, attemptId);
            }
            // Another instance took the trunk's last channel or CPS slot since our last reading of the shared ledger;
            // the fleet view now counts it full: choose again, a few times at most.
            fleet.cancel(placement, attemptId);
            if (choice == MAX_CHOICES) {
                NoPlacementReason full = acquisition == Acquisition.CHANNELS_FULL
                        ? NoPlacementReason.CHANNELS_FULL : NoPlacementReason.CPS_LIMIT;
                return noRoom(pending, trunksTried, full, firstInLine, fromLine);
            }
        }
    }

    /**
     * The trunks this verification was tried on, and those its number failed on lately in any verification (the
     * attempt memory, shared by every instance). The memory is a hint: without Redis, only this verification's own.
     */
    private Set<String> trunksToAvoid(Verification pending, Set<String> trunksTried) {
        Set<String> failedLately;
        try {
            failedLately = memory.trunksToAvoid(pending.phoneNumber());
        } catch (RuntimeException e) {
            log.debug("attempt memory unavailable; placing {} with its own attempts only", pending.id(), e);
            return trunksTried;
        }
        if (failedLately.isEmpty()) {
            return trunksTried;
        }
        var avoid = new HashSet<>(trunksTried);
        avoid.addAll(failedLately);
        return avoid;
    }

    public static Set<String> trunksTried(List<Attempt> attempts) {
        return attempts.stream().map(Attempt::trunkId).collect(Collectors.toUnmodifiableSet());
    }

    private Dispatch record(Verification pending, Placement placement, String attemptId) {
        Instant now = clock.instant();
        Instant notAfter = earlier(now.plus(settings.dispatchWindow()), pending.expiresAt());
        Instant presumedLostAt = notAfter.plus(settings.ringTimeout()).plus(settings.lostAttemptGrace());
        Attempt attempt = Attempt.placed(attemptId, pending, placement.trunk().id(), placement.server().id(), now);
        DialCommand command = new DialCommand(UUID.randomUUID().toString(), now, attempt.attemptId(), pending.id(),
                pending.phoneNumber(), placement.trunk().id(), placement.server().id(), attempt.attemptNumber(),
                callerIdOf(placement.server()), (int) settings.ringTimeout().toSeconds(), notAfter);
        NewAttemptOutcome outcome;
        try {
            outcome = ledger.saveWithNewAttempt(pending.placed(presumedLostAt), attempt, command);
        } catch (RuntimeException e) {
            unreserve(placement, attemptId);
            throw e;
        }
        switch (outcome) {
            case NewAttemptOutcome.Recorded recorded -> {
                publish(command, placement, pending);
                return Dispatch.PLACED;
            }
            case NewAttemptOutcome.VerificationChanged changed -> {
                unreserve(placement, attemptId);
                log.debug("verification {} was changed by someone else before its attempt was recorded", pending.id());
                return Dispatch.STALE;
            }
            case NewAttemptOutcome.NumberInCall busy -> {
                unreserve(placement, attemptId);
                log.debug("verification {} waits: {} is in another verification's live call", pending.id(),
                        PhoneNumberMask.mask(pending.phoneNumber()));
                return notPlaced(pending, NoPlacementReason.NUMBER_IN_CALL);
            }
        }
    }

    /** The attempt was never recorded: its channel goes back, here and in the shared ledger. */
    private void unreserve(Placement placement, String attemptId) {
        fleet.cancel(placement, attemptId);
        capacity.release(placement.trunk().id(), attemptId);
    }

    private void publish(DialCommand command, Placement placement, Verification pending) {
        commands.send(command, placement.trunk()).whenComplete((acknowledged, failure) -> {
            if (failure != null) {
                log.warn("dial command for attempt {} of verification {} was not acknowledged; the relay sends it again",
                        command.attemptId(), pending.id(), failure);
                return;
            }
            sent.acknowledged(command.attemptId());
            metrics.placed(placement.trunk().id());
        });
        log.debug("attempt {} #{} of verification {} ({}) placed on trunk {}", command.attemptId(),
                command.attemptNumber(), pending.id(), PhoneNumberMask.mask(pending.phoneNumber()),
                placement.trunk().id());
    }

    /** The line is full: the verification stays due in the ledger and is offered to the line again later. */
    public void notPlacedForNow(Verification pending) {
        waitBehindTheOthers(pending);
    }

    /**
     * Counts why, and moves the verification's next look behind the others waiting: left where it was, a
     * verification that cannot be placed (its number in a call) would come first in every sweep and, with enough
     * of them, hide every other due row from it.
     */
    private Dispatch notPlaced(Verification pending, NoPlacementReason reason) {
        metrics.noPlacement(reason);
        return waitBehindTheOthers(pending);
    }

    private Dispatch waitBehindTheOthers(Verification pending) {
        return ledger.save(pending.waitingUntil(clock.instant().plus(settings.placementRetryDelay()))).isPresent()
                ? Dispatch.NOT_PLACED : Dispatch.STALE;
    }

    /**
     * No trunk it may take has room now. Taken from the line, it goes back there through its caller, with nothing
     * written. Otherwise it is queued in the ledger (the line is rebuilt from it after a restart) and waits in this
     * instance's line: first if it must not wait its turn, else behind its client's others — or, with the line
     * full, due in the ledger again after the placement retry delay.
     */
    private Dispatch noRoom(Verification pending, Set<String> trunksTried, NoPlacementReason reason,
                            boolean firstInLine, boolean fromLine) {
        metrics.noPlacement(reason);
        log.debug("verification {} finds no room it may take ({}): {}", pending.id(), reason,
                fromLine ? "back to its place in the line" : firstInLine ? "to the front of the line" : "to the line");
        if (fromLine) {
            return Dispatch.NO_ROOM;
        }
        if (!firstInLine && !line.hasRoom()) {
            return waitBehindTheOthers(pending);
        }
        Optional<Verification> queued = pending.isQueued() ? Optional.of(pending) : ledger.save(pending.queued());
        if (queued.isEmpty()) {
            return Dispatch.STALE;
        }
        if (firstInLine) {
            line.offerFirst(queued.get(), trunksTried);
        } else if (!line.offer(queued.get(), trunksTried)) {
            return waitBehindTheOthers(queued.get()); // filled up meanwhile: not left queued outside the line
        }
        return Dispatch.NOT_PLACED;
    }

    private static String callerIdOf(TelephonyServer server) {
        return server.dids().isEmpty() ? null : server.dids().getFirst();
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
