package io.codac.adapter.trunk.domain;

import io.codac.contracts.domain.Trunk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Enforces one trunk's contract locally: at most {@code cps} call starts in any second
 * ({@link CallsPerSecondWindow}) and at most {@code maxChannels} calls alive at once.
 *
 * <p>It only decides; it never waits. A caller with a deadline asks {@link #admit(Instant)} and gets a
 * permit, an instant to ask again, "wait for a channel", or a refusal once the deadline cannot be met.
 * That keeps every decision testable with a fake clock and leaves waiting (and its bound) to the caller,
 * so there is never an unbounded local queue in front of a trunk.
 *
 * <p>Thread-safe: one limiter is shared by the command consumer and the threads that end calls.
 */
public final class TrunkLimiter {

    private final String trunkId;
    private final int maxChannels;
    private final Clock clock;
    private final CallsPerSecondWindow callsPerSecond;
    private int liveChannels;

    public TrunkLimiter(Trunk trunk, Clock clock) {
        this(trunk, Duration.ZERO, clock);
    }

    /**
     * @param cpsWindowMargin added to the one-second CPS window, for the jitter between the instant we count a
     *                        call started and the instant the carrier counts it (each 1 % of margin costs 1 % of CPS)
     */
    public TrunkLimiter(Trunk trunk, Duration cpsWindowMargin, Clock clock) {
        this(trunk.id(), trunk.cps(), trunk.maxChannels(), Duration.ofSeconds(1).plus(cpsWindowMargin), clock);
    }

    public TrunkLimiter(String trunkId, int cps, int maxChannels, Clock clock) {
        this(trunkId, cps, maxChannels, Duration.ofSeconds(1), clock);
    }

    public TrunkLimiter(String trunkId, int cps, int maxChannels, Duration cpsWindow, Clock clock) {
        if (maxChannels <= 0) {
            throw new IllegalArgumentException("trunk " + trunkId + ": maxChannels must be > 0, was " + maxChannels);
        }
        this.trunkId = trunkId;
        this.maxChannels = maxChannels;
        this.clock = clock;
        this.callsPerSecond = new CallsPerSecondWindow(cps, cpsWindow);
    }

    public String trunkId() {
        return trunkId;
    }

    /**
     * Takes a CPS token and a channel if both are free now; otherwise says whether they can be before
     * {@code deadline}. A channel's release cannot be predicted, so a full trunk answers
     * {@link Admission.WaitForChannel} until the deadline and a refusal after it.
     */
    public synchronized Admission admit(Instant deadline) {
        Instant now = clock.instant();
        if (liveChannels >= maxChannels) {
            return now.isBefore(deadline)
                    ? new Admission.WaitForChannel()
                    : new Admission.Refused(Admission.RefusalReason.CHANNEL_LIMIT);
        }
        Instant tokenFreeAt = callsPerSecond.nextFreeAt(now);
        if (!tokenFreeAt.isAfter(now)) {
            callsPerSecond.tryTake(now);
            liveChannels++;
            return new Admission.Admitted(new TrunkPermit(trunkId, now));
        }
        return tokenFreeAt.isAfter(deadline)
                ? new Admission.Refused(Admission.RefusalReason.CPS_LIMIT)
                : new Admission.RetryAt(tokenFreeAt);
    }

    /**
     * The originate was answered: the call has reached the server (and its carrier) by now, whenever its
     * token was taken. Counting the token from now keeps the next second's calls at least one window
     * behind this one at the carrier too, however long the claim and the request took.
     */
    public synchronized void started(TrunkPermit permit) {
        requireOwn(permit);
        if (permit.isReleased()) {
            return;
        }
        Instant now = clock.instant();
        if (now.isAfter(permit.tokenStamp())) {
            callsPerSecond.restamp(permit.tokenStamp(), now);
            permit.restamp(now);
        }
    }

    /** The call ended: its channel is free again; its CPS token stays spent for the rest of its second. */
    public synchronized boolean release(TrunkPermit permit) {
        requireOwn(permit);
        if (!permit.markReleased()) {
            return false;
        }
        liveChannels--;
        return true;
    }

    /** No call was started with the permit: both its channel and its CPS token come back. */
    public synchronized boolean cancel(TrunkPermit permit) {
        requireOwn(permit);
        if (!permit.markReleased()) {
            return false;
        }
        liveChannels--;
        callsPerSecond.giveBack(permit.tokenStamp());
        return true;
    }

    public synchronized TrunkLoad load() {
        return new TrunkLoad(trunkId, liveChannels, maxChannels, callsPerSecond.usedAt(clock.instant()),
                callsPerSecond.limit());
    }

    private void requireOwn(TrunkPermit permit) {
        if (!trunkId.equals(permit.trunkId())) {
            throw new IllegalArgumentException("permit of trunk " + permit.trunkId() + " returned to trunk " + trunkId);
        }
    }
}
