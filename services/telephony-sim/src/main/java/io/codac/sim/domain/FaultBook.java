package io.codac.sim.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The faults switched on in the network, and the decisions they imply for one call. Not thread-safe: the
 * {@link TelephoneNetwork} serialises access.
 */
final class FaultBook {

    private final Map<String, RouteFault> routes = new LinkedHashMap<>();
    private final Map<String, TrunkFlap> flaps = new LinkedHashMap<>();
    private final Map<String, LatencySpike> latency = new LinkedHashMap<>();
    private final Set<String> deadServers = new LinkedHashSet<>();

    void degrade(RouteFault fault) {
        routes.put(fault.routeKey(), fault);
    }

    void flap(TrunkFlap flap) {
        flaps.put(flap.trunk(), flap);
    }

    void spike(LatencySpike spike) {
        latency.put(spike.trunk(), spike);
    }

    void serverDied(String serverId) {
        deadServers.add(serverId);
    }

    void serverReturned(String serverId) {
        deadServers.remove(serverId);
    }

    boolean dead(String serverId) {
        return deadServers.contains(serverId);
    }

    /** Clears every route, flap and latency fault; dead servers stay dead until they are restarted. */
    void clearNetworkFaults() {
        routes.clear();
        flaps.clear();
        latency.clear();
    }

    boolean clearRoute(String trunk, String operator) {
        return routes.remove(new RouteFault(trunk, operator, 0, null).routeKey()) != null;
    }

    boolean clearFlap(String trunk) {
        return flaps.remove(trunk) != null;
    }

    boolean clearLatency(String trunk) {
        return latency.remove(trunk == null || trunk.isBlank() ? LatencySpike.EVERY_TRUNK : trunk) != null;
    }

    /**
     * Whether a route fault fails this call, and how. A fault for the call's very operator wins over one for every
     * operator; {@code draw} and {@code pick} are uniform in [0, 1), from the call's stable hash.
     */
    Optional<CallFailure> routeFailure(String trunk, String operator, double draw, double pick) {
        RouteFault fault = null;
        for (RouteFault candidate : routes.values()) {
            if (candidate.covers(trunk, operator)
                    && (fault == null || RouteFault.ANY_OPERATOR.equals(fault.operator()))) {
                fault = candidate;
            }
        }
        if (fault == null || draw >= fault.probability()) {
            return Optional.empty();
        }
        List<Integer> causes = fault.causes();
        int cause = causes.get(Math.min(causes.size() - 1, (int) (pick * causes.size())));
        return Optional.of(CallFailure.ofRouteCause(cause));
    }

    boolean trunkDown(String trunk, Instant now) {
        TrunkFlap flap = flaps.get(trunk);
        return flap != null && flap.isDown(now);
    }

    double latencyMultiplier(String trunk) {
        double multiplier = 1.0;
        for (LatencySpike spike : latency.values()) {
            if (spike.covers(trunk)) {
                multiplier *= spike.multiplier();
            }
        }
        return multiplier;
    }

    ActiveFaults snapshot() {
        return new ActiveFaults(new ArrayList<>(routes.values()), new ArrayList<>(flaps.values()),
                new ArrayList<>(latency.values()), new ArrayList<>(deadServers));
    }
}
