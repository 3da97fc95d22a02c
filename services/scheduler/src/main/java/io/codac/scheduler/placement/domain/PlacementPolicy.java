package io.codac.scheduler.placement.domain;

import java.util.List;

/**
 * Chooses the trunk for one attempt from a consistent snapshot of the fleet, or says why none can take it now.
 * Implementations never choose a trunk without headroom ({@link TrunkCandidate#canTakeOneMore()}), so no policy
 * can push a trunk past its contract; the caller records the placement under the same lock as the snapshot.
 */
public interface PlacementPolicy {

    PlacementDecision choose(PlacementRequest request, List<TrunkCandidate> candidates);

    /** Why nothing with headroom was found among trunks that were eligible: channels, else the CPS window. */
    static NoPlacementReason whyNone(List<TrunkCandidate> eligible) {
        for (TrunkCandidate candidate : eligible) {
            if (candidate.hasFreeChannel()) {
                return NoPlacementReason.CPS_LIMIT;
            }
        }
        return NoPlacementReason.CHANNELS_FULL;
    }
}
