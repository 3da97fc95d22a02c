package io.codac.scheduler.placement.domain;

import java.util.List;

/**
 * The round-robin scheduler the scenario benchmark measures us against (ADR 0009): the next trunk of a live server,
 * in rotation, whatever is already on it. It knows which servers answer their heartbeats and nothing else — not a
 * trunk's channels or CPS in use, not route health, not the trunks a number was already tried on — so under a
 * batch it hands the adapters more than their trunks take, and they hand back what does not fit.
 *
 * <p>Unlike every other policy it does not keep within headroom ({@link #keepsWithinHeadroom()} is false): a
 * scheduler running it takes no work into its line, holds no shared capacity and leaves a dead server's work where
 * it is. A benchmark baseline, never a production setting. Thread-safe: one rotation shared by every caller.
 */
public final class NaiveRoundRobinPolicy implements PlacementPolicy {

    private int next;

    @Override
    public synchronized PlacementDecision choose(PlacementRequest request, List<TrunkCandidate> candidates) {
        int size = candidates.size();
        for (int step = 0; step < size; step++) {
            int index = Math.floorMod(next + step, size);
            TrunkCandidate candidate = candidates.get(index);
            if (candidate.usable()) {
                next = index + 1;
                return new Placement(candidate.trunk(), candidate.server());
            }
        }
        return new NoPlacement(NoPlacementReason.NO_LIVE_SERVER);
    }

    @Override
    public boolean keepsWithinHeadroom() {
        return false;
    }
}
