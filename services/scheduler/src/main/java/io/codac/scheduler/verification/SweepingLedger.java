package io.codac.scheduler.verification;

import io.codac.contracts.domain.VerificationStatus;
import io.codac.scheduler.fleet.domain.FleetView;
import io.codac.scheduler.verification.domain.Attempt;
import io.codac.scheduler.verification.domain.Verification;
import io.codac.scheduler.verification.domain.VerificationLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Runs often (every ~100 ms) over the verifications whose time has come in the ledger, so that nothing waits
 * only in memory and a restart loses nothing:
 *
 * <ul>
 *   <li>{@code PENDING}: expired → {@code EXPIRED}; otherwise placed, if any trunk has room (waiting for
 *       capacity, or a back-off retry whose time has come);</li>
 *   <li>{@code IN_PROGRESS}: its attempt's window passed without an end → presumed lost and settled;</li>
 *   <li>terminal: its result was not confirmed published → published again.</li>
 * </ul>
 *
 * <p>Every write is optimistic, so a sweep racing a Kafka listener over the same verification cannot place
 * it twice. Single-threaded by its caller.
 */
public final class SweepingLedger {

    private static final Logger log = LoggerFactory.getLogger(SweepingLedger.class);

    private final VerificationLedger ledger;
    private final FleetView fleet;
    private final DispatchingAttempts dispatching;
    private final SettlingAttempts settling;
    private final CompletingVerifications completing;
    private final SchedulerMetrics metrics;
    private final SchedulingSettings settings;
    private final Clock clock;

    public SweepingLedger(VerificationLedger ledger, FleetView fleet, DispatchingAttempts dispatching,
                          SettlingAttempts settling, CompletingVerifications completing, SchedulerMetrics metrics,
                          SchedulingSettings settings, Clock clock) {
        this.ledger = ledger;
        this.fleet = fleet;
        this.dispatching = dispatching;
        this.settling = settling;
        this.completing = completing;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    /** Attempts still live in the ledger occupy channels: count them before placing anything after a start. */
    public void restoreInFlight() {
        for (Attempt live : ledger.liveAttempts()) {
            fleet.restoreInFlight(live.trunkId(), live.attemptId());
        }
    }

    public void sweep() {
        Instant now = clock.instant();
        List<Verification> due = ledger.due(now, settings.sweepBatch());
        metrics.dueInLastSweep(due.size());
        for (Verification verification : due) {
            try {
                handle(verification, now);
            } catch (RuntimeException e) {
                log.warn("sweep could not handle verification {} ({}); it stays due", verification.id(),
                        verification.status(), e);
            }
        }
    }

    private void handle(Verification verification, Instant now) {
        switch (verification.status()) {
            case PENDING -> {
                if (verification.isExpiredAt(now)) {
                    completing.complete(verification, VerificationStatus.EXPIRED, "time to live passed without a verdict");
                } else if (verification.needsDialing() && fleet.hasHeadroom()) {
                    dispatching.dispatch(verification);
                }
            }
            case IN_PROGRESS -> presumeLost(verification, now);
            default -> completing.publishResult(verification);
        }
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
