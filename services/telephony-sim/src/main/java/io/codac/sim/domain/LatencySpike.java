package io.codac.sim.domain;

import java.util.Objects;

/**
 * The network is slow: the post-dial delay of every new call on the trunk (or on every trunk, {@code "*"}) is
 * multiplied by {@code multiplier}. A spike on one trunk and one on every trunk multiply.
 */
public record LatencySpike(String trunk, double multiplier) {

    public static final String EVERY_TRUNK = "*";

    public LatencySpike {
        trunk = trunk == null || trunk.isBlank() ? EVERY_TRUNK : trunk.trim();
        if (!(multiplier > 0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("latency multiplier must be a finite number > 0, was " + multiplier);
        }
        Objects.requireNonNull(trunk);
    }

    boolean covers(String callTrunk) {
        return EVERY_TRUNK.equals(trunk) || trunk.equals(callTrunk);
    }
}
