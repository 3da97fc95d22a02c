package io.codac.scheduler.placement.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Chooses the trunk for one attempt.
 *
 * <ol>
 *   <li>Only trunks on live servers count ({@link TrunkHeadroom#serverPlaceable()}).</li>
 *   <li>Trunks this verification was already tried on are skipped while another live trunk exists, even
 *       one that is momentarily full: retrying a number on the route that just failed it is the worst choice
 *       (BRIEF §2), so waiting a moment for another route beats falling back at once. Only when every live
 *       trunk was already tried do they become candidates again.</li>
 *   <li>A trunk is never given more than its channels or its calls per second.</li>
 *   <li>Among the trunks that can take one more, the one with the largest free fraction of its channels
 *       wins (ties: the larger free fraction of CPS, then the trunk id, so the choice is deterministic).
 *       Fractions, not absolute counts, keep a small trunk from being starved or swamped beside a big one.</li>
 * </ol>
 *
 * <p>Stateless and thread-safe; the caller supplies a consistent snapshot and records the placement.
 */
public final class PlacementPolicy {

    private static final Comparator<TrunkHeadroom> MOST_FREE_FIRST = Comparator
            .comparingDouble(TrunkHeadroom::freeChannelFraction).reversed()
            .thenComparing(Comparator.comparingDouble(TrunkHeadroom::freeCpsFraction).reversed())
            .thenComparing(headroom -> headroom.trunk().id());

    public PlacementDecision choose(List<TrunkHeadroom> trunks, Set<String> triedTrunkIds) {
        List<TrunkHeadroom> live = trunks.stream().filter(TrunkHeadroom::serverPlaceable).toList();
        if (live.isEmpty()) {
            return new NoPlacement(NoPlacementReason.NO_LIVE_SERVER);
        }
        List<TrunkHeadroom> untried = live.stream().filter(t -> !triedTrunkIds.contains(t.trunk().id())).toList();
        List<TrunkHeadroom> candidates = untried.isEmpty() ? live : untried;
        return candidates.stream()
                .filter(TrunkHeadroom::canTakeOneMore)
                .min(MOST_FREE_FIRST)
                .<PlacementDecision>map(best -> new Placement(best.trunk(), best.server()))
                .orElseGet(() -> new NoPlacement(whyNone(candidates)));
    }

    private static NoPlacementReason whyNone(List<TrunkHeadroom> candidates) {
        return candidates.stream().anyMatch(TrunkHeadroom::hasFreeChannel)
                ? NoPlacementReason.CPS_LIMIT
                : NoPlacementReason.CHANNELS_FULL;
    }
}
