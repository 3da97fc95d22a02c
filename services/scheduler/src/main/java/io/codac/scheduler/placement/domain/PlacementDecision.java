package io.codac.scheduler.placement.domain;

/** What the placement policy decided for one attempt: a {@link Placement}, or a {@link NoPlacement} saying why not. */
public sealed interface PlacementDecision permits Placement, NoPlacement {
}
