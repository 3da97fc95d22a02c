package io.codac.scheduler.placement.domain;

import java.util.List;

/**
 * The naive baseline the scenario benchmark measures us against: the next usable trunk in rotation that has
 * headroom. It never exceeds a contract either, but ignores route health, attempt memory and the trunks a
 * verification was already tried on — which is exactly what the benchmark is there to show.
 *
 * <p>The rotation is a position in the candidate list (the fleet gives it in fleet-file order): each choice
 * starts one past the previous one. Thread-safe: one rotation shared by every caller.
 */
public final class RoundRobinPolicy implements PlacementPolicy {

    private int next;

    @Override
    public synchronized PlacementDecision choose(PlacementRequest request, List<TrunkCandidate> candidates) {
        int size = candidates.size();
        boolean anyUsable = false;
        for (int step = 0; step < size; step++) {
            int index = Math.floorMod(next + step, size);
            TrunkCandidate candidate = candidates.get(index);
            anyUsable |= candidate.usable();
            if (candidate.canTakeOneMore()) {
                next = index + 1;
                return new Placement(candidate.trunk(), candidate.server());
            }
        }
        if (!anyUsable) {
            return new NoPlacement(NoPlacementReason.NO_LIVE_SERVER);
        }
        return new NoPlacement(PlacementPolicy.whyNone(candidates.stream().filter(TrunkCandidate::usable).toList()));
    }
}
