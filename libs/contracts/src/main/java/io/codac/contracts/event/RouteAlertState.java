package io.codac.contracts.event;

/** Where a route's alert went: it degraded against its own baseline, or it recovered. */
public enum RouteAlertState {
    DEGRADED,
    RECOVERED
}
