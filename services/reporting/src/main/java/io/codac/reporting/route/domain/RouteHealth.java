package io.codac.reporting.route.domain;

/**
 * A route's figures at one moment.
 *
 * @param windowRate   connected / calls over the window, or NaN without calls
 * @param baselineRate the same over the baseline, or NaN
 */
public record RouteHealth(Route route, long windowCalls, double windowRate, long baselineCalls, double baselineRate,
                          boolean degraded) {
}
