package io.codac.sim.domain;

import java.time.Instant;

/** One originate that broke a CODAC promise, as the carrier saw it (for logs; the counters are in {@link SimStats}). */
public record BrokenPromise(Kind kind, String number, String serverId, String channelId, Instant at) {

    public enum Kind {
        /** The number already had a live channel somewhere in the fleet. */
        CONCURRENT_DOUBLE_DIAL,
        /** The number had already rung, answered or been busy within the redial window. */
        REDIAL_AFTER_ALERTING
    }
}
