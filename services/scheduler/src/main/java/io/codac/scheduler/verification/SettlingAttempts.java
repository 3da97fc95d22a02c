package io.codac.scheduler.verification;

import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.VerificationStatus;
import io.codac.scheduler.fleet.domain.FleetView;
import io.codac.scheduler.memory.domain.AttemptMemory;
import io.codac.scheduler.verification.domain.Attempt;
import io.codac.scheduler.verification.domain.AttemptStatus;
import io.codac.scheduler.verification.domain.RetryPolicy;
import io.codac.scheduler.verification.domain.Verification;
import io.codac.scheduler.verification.domain.VerificationDecision;
import io.codac.scheduler.verification.domain.VerificationLedger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finishes an attempt and moves its verification on: to a terminal status, to a retry now (on another trunk),
 * to a retry later, or — for an attempt handed back undialed — straight back to placement without counting it.
 * The attempt's end and the verification's next state are written in one transaction, and only if the attempt
 * was still live: a repeated call event finds it finished and changes nothing.
 */
public final class SettlingAttempts {

    private static final Logger log = LoggerFactory.getLogger(SettlingAttempts.class);

    private final VerificationLedger ledger;
    private final FleetView fleet;
    private final RetryPolicy retryPolicy;
    private final DispatchingAttempts dispatching;
    private final CompletingVerifications completing;
    private final SchedulerMetrics metrics;
    private final AttemptMemory memory;
    private final SharedCapacity capacity;
    private final Clock clock;

    public SettlingAttempts(VerificationLedger ledger, FleetView fleet, RetryPolicy retryPolicy,
                            DispatchingAttempts dispatching, CompletingVerifications completing,
                            SchedulerMetrics metrics, AttemptMemory memory, SharedCapacity capacity, Clock clock) {
        this.ledger = ledger;
        this.fleet = fleet;
        this.retryPolicy = retryPolicy;
        this.dispatching = dispatching;
        this.completing = completing;
        this.metrics = metrics;
        this.memory = memory;
        this.capacity = capacity;
        this.clock = clock;
    }

    /** The call ended with an outcome. */
    public void ended(Attempt ended) {
        withVerificationOf(ended, (live, attempts) -> {
            remember(live, ended);
            VerificationDecision decision = retryPolicy.afterAttempt(live, ended.outcome(),
                    earlierOutcomes(attempts, ended), clock.instant());
            apply(live, ended, decision, attempts);
        });
    }

    /** Nothing was reported within the attempt's window: decide as the retry policy presumes. */
    public void lost(Attempt live) {
        Attempt lost = live.lost(retryPolicy.presumedOutcomeOf(live), clock.instant());
        metrics.attemptLost(lost.trunkId());
        withVerificationOf(lost, (verification, attempts) -> {
            remember(verification, lost);
            VerificationDecision decision = retryPolicy.afterLostAttempt(verification, live,
                    earlierOutcomes(attempts, lost), clock.instant());
            apply(verification, lost, decision, attempts);
        });
    }

    /** The adapter could not place the command: it was never dialed, so place it again elsewhere, uncounted. */
    public void handedBack(Attempt handedBack) {
        metrics.handedBack(handedBack.trunkId());
        withVerificationOf(handedBack, (live, attempts) -> {
            Instant now = clock.instant();
            if (live.isExpiredAt(now)) {
                saveThenComplete(completing.terminalStateOf(live, VerificationStatus.EXPIRED,
                        "time to live passed without a verdict"), handedBack);
                return;
            }
            ledger.saveWithFinishedAttempt(live.handedBack(now), handedBack)
                    .ifPresent(waiting -> dispatching.placeAtOnce(waiting, trunksTried(attempts, handedBack)));
        });
    }

    /** The route this number just failed on is avoided by its next attempt, in this verification or another. */
    private void remember(Verification verification, Attempt finished) {
        if (finished.outcome() == null) {
            return;
        }
        try {
            memory.remember(verification.phoneNumber(), finished.trunkId(), finished.outcome());
        } catch (RuntimeException e) {
            log.debug("attempt memory unavailable; attempt {} not remembered", finished.attemptId(), e);
        }
    }

    private interface WithVerification {
        void settle(Verification live, List<Attempt> attempts);
    }

    private void withVerificationOf(Attempt finished, WithVerification action) {
        // The call is over (or presumed so) whatever the ledger says next: its channel is free again. Out of the fleet
        // view first, so no renewal of the shared ledger writes the lease back after its release.
        fleet.attemptEnded(finished.trunkId(), finished.attemptId());
        capacity.release(finished.trunkId(), finished.attemptId());
        Optional<Verification> verification = ledger.find(finished.verificationId());
        if (verification.isEmpty() || verification.get().status() != VerificationStatus.IN_PROGRESS) {
            // Terminal already (verified while it rang, or expired meanwhile) or never known: only the attempt's
            // own end is left to record, which releases its number. The verdict stands whatever the end says.
            ledger.finishAttempt(finished);
            return;
        }
        action.settle(verification.get(), ledger.attemptsOf(finished.verificationId()));
    }

    private void apply(Verification live, Attempt finished, VerificationDecision decision, List<Attempt> attempts) {
        switch (decision) {
            case VerificationDecision.Complete complete ->
                    saveThenComplete(completing.terminalStateOf(live, complete.status(), complete.reason()), finished);
            case VerificationDecision.RetryNow retry -> {
                metrics.retried(finished.outcome());
                ledger.saveWithFinishedAttempt(live.waitingUntil(clock.instant()), finished)
                        .ifPresent(waiting -> dispatching.placeAtOnce(waiting, trunksTried(attempts, finished)));
            }
            case VerificationDecision.RetryLater retry -> {
                metrics.retried(finished.outcome());
                ledger.saveWithFinishedAttempt(live.waitingUntil(retry.at()), finished);
            }
        }
    }

    private void saveThenComplete(Verification terminal, Attempt finished) {
        ledger.saveWithFinishedAttempt(terminal, finished).ifPresent(completing::completed);
    }

    /** Outcomes of the verification's other attempts that reached a carrier (handed-back ones never did). */
    static List<OutcomeClass> earlierOutcomes(List<Attempt> attempts, Attempt current) {
        return attempts.stream()
                .filter(a -> !a.attemptId().equals(current.attemptId()))
                .filter(a -> a.status() == AttemptStatus.ENDED || a.status() == AttemptStatus.LOST)
                .map(Attempt::outcome)
                .filter(Objects::nonNull)
                .toList();
    }

    private static Set<String> trunksTried(List<Attempt> attempts, Attempt current) {
        var tried = new HashSet<>(DispatchingAttempts.trunksTried(attempts));
        tried.add(current.trunkId());
        return tried;
    }
}
