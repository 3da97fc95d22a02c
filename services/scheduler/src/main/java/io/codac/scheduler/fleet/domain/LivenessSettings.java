package io.codac.scheduler.fleet.domain;

import java.time.Duration;

/**
 * How heartbeats turn into liveness, validated when built.
 *
 * @param suspectAfter a server silent for longer gets no new work (adapters beat every 500 ms: two missed)
 * @param deadAfter    a server silent for longer is dead and its unstarted work moves; at least suspectAfter
 * @param rampUp       a server back from the dead grows from {@code minimumShare} to its whole contract over
 *                     this long; zero gives it everything at once
 * @param minimumShare the share of its contract a server back from the dead starts with, within (0, 1]
 */
public record LivenessSettings(Duration suspectAfter, Duration deadAfter, Duration rampUp, double minimumShare) {

    public static final LivenessSettings DEFAULTS =
            new LivenessSettings(Duration.ofSeconds(1), Duration.ofMillis(1500), Duration.ofSeconds(30), 0.1);

    public LivenessSettings {
        if (suspectAfter == null || suspectAfter.isNegative() || suspectAfter.isZero()) {
            throw new IllegalArgumentException("suspect-after must be positive, was " + suspectAfter);
        }
        if (deadAfter == null || deadAfter.compareTo(suspectAfter) < 0) {
            throw new IllegalArgumentException("dead-after must be at least suspect-after (" + suspectAfter + "), was " + deadAfter);
        }
        if (rampUp == null || rampUp.isNegative()) {
            throw new IllegalArgumentException("the ramp-up must be zero or positive, was " + rampUp);
        }
        if (!(minimumShare > 0 && minimumShare <= 1)) {
            throw new IllegalArgumentException("the minimum share must be within (0, 1], was " + minimumShare);
        }
    }

    /** One timeout for both suspicion and death and no ramp-up: the liveness rule before the failover existed. */
    public static LivenessSettings singleTimeout(Duration heartbeatTimeout) {
        return new LivenessSettings(heartbeatTimeout, heartbeatTimeout, Duration.ZERO, 1.0);
    }
}
