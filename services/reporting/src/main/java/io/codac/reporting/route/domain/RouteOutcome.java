package io.codac.reporting.route.domain;

import io.codac.contracts.domain.OutcomeClass;

import java.util.Optional;

/**
 * What an ended call says about its route: the carrier connected it to the destination network (the
 * phone rang, was busy, the number was unknown or switched off — the network answered), or the route
 * failed (congestion, 5xx, no provisional reply). Calls refused by our own side say nothing about the
 * carrier and are not counted.
 */
public final class RouteOutcome {

    private RouteOutcome() {
    }

    /** True for connected, false for a route failure, empty when the call does not count. */
    public static Optional<Boolean> connected(OutcomeClass outcome) {
        if (outcome == null || outcome == OutcomeClass.OUR_SIDE_REJECTED) {
            return Optional.empty();
        }
        return Optional.of(outcome != OutcomeClass.ROUTE_FAILURE);
    }
}
