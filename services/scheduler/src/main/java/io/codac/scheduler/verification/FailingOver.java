package io.codac.scheduler.verification;

import io.codac.scheduler.failover.domain.DialFence;
import io.codac.scheduler.verification.domain.Attempt;
import io.codac.scheduler.verification.domain.AttemptStatus;
import io.codac.scheduler.verification.domain.PartitionScope;
import io.codac.scheduler.verification.domain.VerificationLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Moves a dead server's work (issue 5, failover): once the fleet view declares a server dead, every attempt placed
 * on it that no adapter has started is fenced — the claim its adapter would need is taken first — and its
 * verification is placed again at once on a healthy server, without counting the attempt. An attempt its adapter had
 * already claimed (started, or its start not yet reported) is in doubt: the phone may be ringing, so it is never
 * re-dialed before its end is reported or its window has passed and it is presumed lost.
 *
 * <p>Each instance moves only the attempts of its own partitions; the fence makes it safe even if two did.
 *
 * <p>The naive round-robin baseline ({@link #leavingWorkInPlace}, ADR 0009) moves nothing: a dead server's unstarted
 * attempts wait until they are presumed lost, as they would in a scheduler without a failover.
 */
public final class FailingOver {

    private static final Logger log = LoggerFactory.getLogger(FailingOver.class);

    private final VerificationLedger ledger;
    private final DialFence fence;
    private final SettlingAttempts settling;
    private final SchedulerMetrics metrics;
    private final Clock clock;
    private final boolean movesWork;

    public FailingOver(VerificationLedger ledger, DialFence fence, SettlingAttempts settling, SchedulerMetrics metrics,
                       Clock clock) {
        this(ledger, fence, settling, metrics, clock, true);
    }

    private FailingOver(VerificationLedger ledger, DialFence fence, SettlingAttempts settling, SchedulerMetrics metrics,
                        Clock clock, boolean movesWork) {
        this.ledger = ledger;
        this.fence = fence;
        this.settling = settling;
        this.metrics = metrics;
        this.clock = clock;
        this.movesWork = movesWork;
    }

    /** The naive baseline's: a dead server's work stays where it is until its window ends. */
    public static FailingOver leavingWorkInPlace(VerificationLedger ledger, DialFence fence, SettlingAttempts settling,
                                                 SchedulerMetrics metrics, Clock clock) {
        return new FailingOver(ledger, fence, settling, metrics, clock, false);
    }

    /** @return how many attempts were moved to other servers */
    public int serverDied(String serverId, PartitionScope scope) {
        if (!movesWork) {
            log.warn("server {} is dead; its attempts are left where they are until their window ends (naive"
                    + " round-robin baseline: no failover)", serverId);
            return 0;
        }
        int moved = 0;
        int inDoubt = 0;
        for (Attempt live : ledger.liveAttempts(scope)) {
            if (!live.serverId().equals(serverId)) {
                continue;
            }
            if (live.status() == AttemptStatus.PLACED && tryMove(live)) {
                moved++;
            } else {
                inDoubt++;
                metrics.failover(serverId, "IN_DOUBT");
            }
        }
        if (moved + inDoubt > 0) {
            log.warn("server {} is dead: {} attempt(s) moved to other servers, {} in doubt until their window ends",
                    serverId, moved, inDoubt);
        }
        return moved;
    }

    private boolean tryMove(Attempt placed) {
        try {
            if (fence.fence(placed.attemptId()) != DialFence.FenceOutcome.FENCED) {
                return false;
            }
        } catch (RuntimeException e) {
            // Without the fence we cannot know it was not dialed: leave it in doubt, the window settles it.
            log.warn("could not fence attempt {} of dead server {}; it stays in doubt", placed.attemptId(),
                    placed.serverId(), e);
            return false;
        }
        metrics.failover(placed.serverId(), "MOVED");
        settling.handedBack(placed.handedBack(clock.instant()));
        return true;
    }
}
