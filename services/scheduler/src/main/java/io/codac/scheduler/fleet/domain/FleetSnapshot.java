package io.codac.scheduler.fleet.domain;

import java.time.Instant;
import java.util.List;

/** The whole fleet at one instant, read under one lock, for {@code GET /v1/fleet}. */
public record FleetSnapshot(Instant at, List<ServerSnapshot> servers, List<TrunkSnapshot> trunks,
                            List<RouteSnapshot> routes) {

    public FleetSnapshot {
        servers = List.copyOf(servers);
        trunks = List.copyOf(trunks);
        routes = List.copyOf(routes);
    }
}
