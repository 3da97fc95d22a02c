package io.codac.sim.domain;

import io.codac.contracts.domain.Trunk;

import java.time.Instant;
import java.util.ArrayDeque;

/**
 * The carrier at the far end of one trunk, holding us to the contract. The CPS limit is a sliding one-second
 * window over the calls it admitted (a refused call does not use up the window, as a carrier that answers
 * 503 at once has not set the call up); the channel limit counts admitted calls that have not ended.
 * Not thread-safe: the {@link TelephoneNetwork} serialises access.
 */
public final class TrunkCarrier {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final Trunk trunk;
    private final String serverId;
    private final ArrayDeque<Long> admittedAt = new ArrayDeque<>();
    private long attempts;
    private long overLimitRejections;
    private int liveChannels;
    private int peakChannels;
    private long faultFailures;

    public TrunkCarrier(Trunk trunk, String serverId) {
        this.trunk = trunk;
        this.serverId = serverId;
    }

    public Admission admit(Instant now) {
        attempts++;
        long t = nanos(now);
        while (!admittedAt.isEmpty() && admittedAt.peekFirst() <= t - WINDOW_NANOS) {
            admittedAt.pollFirst();
        }
        Admission admission;
        if (admittedAt.size() >= trunk.cps()) {
            admission = Admission.OVER_CPS;
        } else if (liveChannels >= trunk.maxChannels()) {
            admission = Admission.OVER_CHANNELS;
        } else {
            admission = Admission.ADMITTED;
        }
        if (admission.admitted()) {
            admittedAt.addLast(t);
            liveChannels++;
            peakChannels = Math.max(peakChannels, liveChannels);
        } else {
            overLimitRejections++;
        }
        return admission;
    }

    /** An admitted call ended: its channel is free again. */
    public void release() {
        if (liveChannels > 0) {
            liveChannels--;
        }
    }

    /** A call offered while the trunk is down: the carrier never saw it, so it uses up no CPS or channel. */
    public void unreachable() {
        attempts++;
        faultFailures++;
    }

    /** An admitted call failed because of an injected fault, not because of the contract. */
    public void faultFailure() {
        faultFailures++;
    }

    public TrunkStats stats() {
        return new TrunkStats(trunk.id(), serverId, trunk.carrier(), attempts, overLimitRejections, peakChannels,
                trunk.maxChannels(), liveChannels, trunk.cps(), faultFailures);
    }

    public Trunk trunk() {
        return trunk;
    }

    public String serverId() {
        return serverId;
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
