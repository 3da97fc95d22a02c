package io.codac.scheduler.placement.domain;

import java.util.List;

/**
 * Chooses the trunk for one attempt from a consistent snapshot of the fleet, or says why none can take it now.
 * The policies the scheduler runs never choose a trunk without headroom ({@link TrunkCandidate#canTakeOneMore()}), so
 * they cannot push a trunk past its contract; the caller records the placement under the same lock as the snapshot.
 * The one exception is the benchmark's naive baseline ({@link NaiveRoundRobinPolicy}), which says so through
 * {@link #keepsWithinHeadroom()}.
 */
public interface PlacementPolicy {

    PlacementDecision choose(PlacementRequest request, List<TrunkCandidate> candidates);

    /**
     * True for every policy that chooses only trunks with headroom: the scheduler then holds work it has no room for
     * in its line and shares trunk capacity with the other instances. False for the naive baseline, which places on
     * any live server's trunk and leaves the adapters to refuse what does not fit.
     */
    default boolean keepsWithinHeadroom() {
        return true;
    }

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
