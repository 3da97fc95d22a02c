package io.codac.sim.domain;

import java.util.List;

/**
 * The carrier's side of CODAC's promises, fleet-wide.
 *
 * @param attempts              originates accepted by any server (including those the carrier refused)
 * @param overLimitRejections   of those, refused for breaking a trunk's CPS or channel limit
 * @param concurrentDoubleDials originates for a number that already had a live channel somewhere in the fleet
 * @param redialsAfterAlerting  originates for a number that had already rung, answered or been busy within the
 *                              redial window
 * @param liveChannels          channels up now, fleet-wide
 * @param trunks                per-trunk counters, in fleet order
 */
public record SimStats(long attempts, long overLimitRejections, long concurrentDoubleDials, long redialsAfterAlerting,
                       int liveChannels, List<TrunkStats> trunks) {

    public SimStats {
        trunks = List.copyOf(trunks);
    }

    public TrunkStats trunk(String trunkId) {
        return trunks.stream().filter(t -> t.id().equals(trunkId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no trunk " + trunkId));
    }
}
