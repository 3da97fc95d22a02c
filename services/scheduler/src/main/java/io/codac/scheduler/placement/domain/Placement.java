package io.codac.scheduler.placement.domain;

import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;

/** Place the attempt on this trunk of this server. */
public record Placement(Trunk trunk, TelephonyServer server) implements PlacementDecision {
}
