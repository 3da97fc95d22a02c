package io.codac.contracts.event;

/**
 * One trunk's activity towards one destination operator since its adapter started: a route is a
 * trunk × destination operator, and route health is computed from the difference of two heartbeats.
 */
public record OperatorUsage(String operator, long attempts, long connects, long routeFailures) {
}
