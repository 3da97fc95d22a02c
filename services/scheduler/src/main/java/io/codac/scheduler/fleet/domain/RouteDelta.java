package io.codac.scheduler.fleet.domain;

/** What one route of one server did between two of its heartbeats; never negative. */
public record RouteDelta(String serverId, String trunkId, String operator, long attempts, long connects,
                         long routeFailures) {
}
