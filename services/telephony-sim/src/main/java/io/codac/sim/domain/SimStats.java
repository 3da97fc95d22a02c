package io.codac.sim.domain;

import java.util.List;

/**
 * The carrier's side of CODAC's promises, fleet-wide. The two double-dial counters count originates (a number
 * dialed three times at once counts twice); the {@code numbers...} fields count the distinct numbers concerned.
 *
 * @param attempts                     outbound originates accepted by any server (including those the carrier refused)
 * @param overLimitRejections          of those, refused for breaking a trunk's CPS or channel limit
 * @param concurrentDoubleDials        originates for a number that already had a live channel somewhere in the fleet
 * @param redialsAfterAlerting         originates for a number that had already rung, answered or been busy within the
 *                                     redial window
 * @param liveChannels                 channels up now, fleet-wide, both directions
 * @param trunks                       per-trunk counters, in fleet order
 * @param inboundCalls                 shoppers' calls to the fleet's DIDs
 * @param numbersDialedConcurrently    distinct numbers that had two live calls at once
 * @param numbersRedialedAfterAlerting distinct numbers dialed again after a call had rung, answered or been busy
 * @param faultFailures                calls failed by an injected fault (a degraded route or a trunk down), which
 *                                     are not over-limit rejections
 */
public record SimStats(long attempts, long overLimitRejections, long concurrentDoubleDials, long redialsAfterAlerting,
                       int liveChannels, List<TrunkStats> trunks, long inboundCalls, long numbersDialedConcurrently,
                       long numbersRedialedAfterAlerting, long faultFailures) {

    public SimStats {
        trunks = List.copyOf(trunks);
    }

    /** The counters of the first version. */
    public SimStats(long attempts, long overLimitRejections, long concurrentDoubleDials, long redialsAfterAlerting,
                    int liveChannels, List<TrunkStats> trunks) {
        this(attempts, overLimitRejections, concurrentDoubleDials, redialsAfterAlerting, liveChannels, trunks, 0, 0, 0, 0);
    }

    public TrunkStats trunk(String trunkId) {
        return trunks.stream().filter(t -> t.id().equals(trunkId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no trunk " + trunkId));
    }
}
