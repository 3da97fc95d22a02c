package io.codac.scheduler.verification;

import java.time.Duration;

/**
 * The timings of the scheduler's use cases, validated when built.
 *
 * @param ringTimeout      how long an adapter lets a number ring ({@code DialCommand.ringTimeoutSeconds})
 * @param dispatchWindow   how long a dial command stays valid ({@code DialCommand.notAfter} = now + this, capped at the TTL)
 * @param lostAttemptGrace after {@code notAfter} + ring timeout + this, an attempt with no reported end is presumed lost
 * @param republishAfter   a result not confirmed published by then is published again by the sweep
 * @param defaultTtl       the time to live of a request that carries no {@code expiresAt}
 * @param sweepBatch       how many due verifications one sweep handles at most
 */
public record SchedulingSettings(
        Duration ringTimeout,
        Duration dispatchWindow,
        Duration lostAttemptGrace,
        Duration republishAfter,
        Duration defaultTtl,
        int sweepBatch) {

    public SchedulingSettings {
        requirePositive(ringTimeout, "ring timeout");
        requirePositive(dispatchWindow, "dispatch window");
        requirePositive(lostAttemptGrace, "lost-attempt grace");
        requirePositive(republishAfter, "republish delay");
        requirePositive(defaultTtl, "default TTL");
        if (ringTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("the ring timeout must be at least one second, was " + ringTimeout);
        }
        if (sweepBatch < 1) {
            throw new IllegalArgumentException("the sweep batch must be at least 1, was " + sweepBatch);
        }
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the " + what + " must be positive, was " + duration);
        }
    }
}
