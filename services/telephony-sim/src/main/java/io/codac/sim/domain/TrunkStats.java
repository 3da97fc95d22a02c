package io.codac.sim.domain;

/**
 * One trunk's counters, from the carrier's side.
 *
 * @param attempts            calls offered to the carrier on this trunk
 * @param overLimitRejections calls refused at once (cause 34, SIP 503) for breaking the CPS or channel limit
 * @param peakChannels        the most calls up at once, to compare with {@code maxChannels}
 * @param faultFailures       calls failed by an injected fault on this trunk (degraded route, trunk down)
 */
public record TrunkStats(String id, String server, String carrier, long attempts, long overLimitRejections,
                         int peakChannels, int maxChannels, int liveChannels, int cps, long faultFailures) {

    /** The counters of the first version. */
    public TrunkStats(String id, String server, String carrier, long attempts, long overLimitRejections,
                      int peakChannels, int maxChannels, int liveChannels, int cps) {
        this(id, server, carrier, attempts, overLimitRejections, peakChannels, maxChannels, liveChannels, cps, 0);
    }
}
