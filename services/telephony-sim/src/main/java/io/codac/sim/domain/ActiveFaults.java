package io.codac.sim.domain;

import java.util.List;

/** The faults switched on now, as the admin API shows them. */
public record ActiveFaults(List<RouteFault> routes, List<TrunkFlap> flaps, List<LatencySpike> latency,
                           List<String> deadServers) {

    public ActiveFaults {
        routes = List.copyOf(routes);
        flaps = List.copyOf(flaps);
        latency = List.copyOf(latency);
        deadServers = List.copyOf(deadServers);
    }

    public boolean none() {
        return routes.isEmpty() && flaps.isEmpty() && latency.isEmpty() && deadServers.isEmpty();
    }
}
