package io.codac.adapter.trunk.domain;

import java.time.Instant;

/**
 * The right to start one call on one trunk: a spent CPS token and a held channel. Released exactly once,
 * either when the call ends ({@link TrunkLimiter#release}) or unused ({@link TrunkLimiter#cancel}); the
 * limiter ignores a second release, so a duplicate "call ended" can never free a channel twice.
 */
public final class TrunkPermit {

    private final String trunkId;
    private final Instant takenAt;
    private Instant tokenStamp;
    private boolean released;

    TrunkPermit(String trunkId, Instant takenAt) {
        this.trunkId = trunkId;
        this.takenAt = takenAt;
        this.tokenStamp = takenAt;
    }

    public String trunkId() {
        return trunkId;
    }

    public Instant takenAt() {
        return takenAt;
    }

    /** When the permit's CPS token counts as spent: when it was taken, or later once the call started. */
    Instant tokenStamp() {
        return tokenStamp;
    }

    void restamp(Instant startedAt) {
        tokenStamp = startedAt;
    }

    boolean isReleased() {
        return released;
    }

    /** Marks the permit released; false when it already was. Called under the limiter's lock. */
    boolean markReleased() {
        if (released) {
            return false;
        }
        released = true;
        return true;
    }

    @Override
    public String toString() {
        return "TrunkPermit[" + trunkId + " at " + takenAt + (released ? ", released" : "") + "]";
    }
}
