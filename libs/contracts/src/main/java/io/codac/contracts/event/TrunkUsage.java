package io.codac.contracts.event;

/** One trunk's use and limits at the time of a heartbeat. */
public record TrunkUsage(
        String trunkId,
        int liveChannels,
        int maxChannels,
        double cpsUsed,
        int cpsLimit,
        long attempts,
        long connects,
        long routeFailures,
        long commandLagMillis) {
}
