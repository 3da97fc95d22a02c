package io.codac.contracts.event;

import java.util.List;

/**
 * One trunk's use and limits at the time of a heartbeat; {@code operators} splits its cumulative
 * attempts, connects and route failures by destination operator (added in version 1, absent from
 * older producers: an empty list).
 */
public record TrunkUsage(
        String trunkId,
        int liveChannels,
        int maxChannels,
        double cpsUsed,
        int cpsLimit,
        long attempts,
        long connects,
        long routeFailures,
        long commandLagMillis,
        List<OperatorUsage> operators) {

    public TrunkUsage {
        operators = operators == null ? List.of() : List.copyOf(operators);
    }
}
