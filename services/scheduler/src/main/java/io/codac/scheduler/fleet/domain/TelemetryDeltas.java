package io.codac.scheduler.fleet.domain;

import io.codac.contracts.event.OperatorUsage;
import io.codac.contracts.event.ServerHeartbeat;
import io.codac.contracts.event.TrunkUsage;
import io.codac.scheduler.placement.domain.RouteStats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the adapters' cumulative per-route counters (counted since each adapter started) into what each route did
 * between two heartbeats of its server.
 *
 * <ul>
 *   <li>The first heartbeat of a server only sets the baseline: an adapter seen mid-life has counted for an unknown
 *       time, and none of it can be called recent.</li>
 *   <li>A route that appears in a later heartbeat started from zero since the previous one: all of it is new.</li>
 *   <li>A counter that went down means the adapter restarted: every route of that heartbeat is counted from zero
 *       (the whole adapter restarted, not one route), so no delta is ever negative.</li>
 *   <li>A heartbeat no newer than the last one taken from its server is ignored: a late one would otherwise look
 *       like a restart and count everything twice.</li>
 * </ul>
 *
 * <p>Operators are normalised ({@link RouteStats#operatorKey}). Not thread-safe: {@link FleetView} guards it.
 */
public final class TelemetryDeltas {

    private record Route(String trunkId, String operator) {
    }

    private record Counters(long attempts, long connects, long routeFailures) {

        Counters plus(Counters other) {
            return new Counters(attempts + other.attempts, connects + other.connects, routeFailures + other.routeFailures);
        }

        boolean anyBelow(Counters earlier) {
            return attempts < earlier.attempts || connects < earlier.connects || routeFailures < earlier.routeFailures;
        }
    }

    private record Baseline(Instant at, Map<Route, Counters> counters) {
    }

    private final Map<String, Baseline> baselines = new HashMap<>();

    /**
     * The deltas of the routes that did something since the server's previous heartbeat.
     *
     * @param at the heartbeat's time as the caller judges it (its own time capped at now)
     */
    public List<RouteDelta> deltas(ServerHeartbeat heartbeat, Instant at) {
        String serverId = heartbeat.serverId();
        Baseline previous = baselines.get(serverId);
        if (previous != null && !at.isAfter(previous.at())) {
            return List.of();
        }
        Map<Route, Counters> current = countersOf(heartbeat);
        baselines.put(serverId, new Baseline(at, current));
        if (previous == null) {
            return List.of();
        }
        boolean restarted = restarted(previous.counters(), current);
        var deltas = new ArrayList<RouteDelta>();
        current.forEach((route, now) -> {
            Counters before = restarted ? null : previous.counters().get(route);
            long attempts = now.attempts() - (before == null ? 0 : before.attempts());
            long connects = now.connects() - (before == null ? 0 : before.connects());
            long failures = now.routeFailures() - (before == null ? 0 : before.routeFailures());
            if (attempts > 0 || connects > 0 || failures > 0) {
                deltas.add(new RouteDelta(serverId, route.trunkId(), route.operator(), attempts, connects, failures));
            }
        });
        return deltas;
    }

    private static boolean restarted(Map<Route, Counters> previous, Map<Route, Counters> current) {
        for (Map.Entry<Route, Counters> entry : current.entrySet()) {
            Counters before = previous.get(entry.getKey());
            if (before != null && entry.getValue().anyBelow(before)) {
                return true;
            }
        }
        return false;
    }

    private static Map<Route, Counters> countersOf(ServerHeartbeat heartbeat) {
        var counters = new LinkedHashMap<Route, Counters>();
        for (TrunkUsage trunk : heartbeat.trunks()) {
            if (trunk == null || trunk.trunkId() == null) {
                continue;
            }
            for (OperatorUsage usage : trunk.operators()) {
                if (usage == null) {
                    continue;
                }
                // "" and the adapters' "unknown" are one route: their counters add up
                counters.merge(new Route(trunk.trunkId(), RouteStats.operatorKey(usage.operator())),
                        new Counters(Math.max(0, usage.attempts()), Math.max(0, usage.connects()),
                                Math.max(0, usage.routeFailures())),
                        Counters::plus);
            }
        }
        return counters;
    }
}
