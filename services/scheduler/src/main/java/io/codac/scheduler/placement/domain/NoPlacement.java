package io.codac.scheduler.placement.domain;

/** No trunk can take the attempt right now; the verification waits and is placed again later. */
public record NoPlacement(NoPlacementReason reason) implements PlacementDecision {
}
