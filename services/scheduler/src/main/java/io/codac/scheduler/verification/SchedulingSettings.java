package io.codac.scheduler.verification;

import java.time.Duration;

/**
 * The timings of the scheduler's use cases, validated when built.
 *
 * <p>An attempt is presumed lost at {@code notAfter} + ring timeout + grace. The adapter originates no later than
 * {@code notAfter}, the call rings at most the ring timeout, and the adapter then ends the leg (within its
 * hang-up confirmation, 5 s by default) and publishes {@code ENDED} — which its producer may keep retrying for
 * its whole {@code delivery.timeout.ms}. So the grace must cover the adapter's delivery timeout plus
 * {@link #END_REPORT_MARGIN}; a shorter grace would let a late {@code ENDED} arrive after the scheduler already
 * presumed the attempt lost and placed the number again.
 *
 * @param ringTimeout            how long an adapter lets a number ring ({@code DialCommand.ringTimeoutSeconds})
 * @param dispatchWindow         how long a dial command stays valid ({@code DialCommand.notAfter} = now + this,
 *                               capped at the TTL)
 * @param lostAttemptGrace       after {@code notAfter} + ring timeout + this, an attempt with no reported end is
 *                               presumed lost
 * @param adapterDeliveryTimeout the longest a dialer adapter's producer may keep retrying a call event
 * @param republishAfter         a result not confirmed published by then is published again by the sweep
 * @param defaultTtl             the time to live of a request that carries no {@code expiresAt}
 * @param placementRetryDelay    a verification that could not be placed is looked at again this much later (behind
 *                               the others waiting, so it never holds up the queue)
 * @param sweepBatch             how many rows of each kind (follow-ups, overdue attempts, waiting verifications)
 *                               one sweep handles at most
 */
public record SchedulingSettings(
        Duration ringTimeout,
        Duration dispatchWindow,
        Duration lostAttemptGrace,
        Duration adapterDeliveryTimeout,
        Duration republishAfter,
        Duration defaultTtl,
        Duration placementRetryDelay,
        int sweepBatch) {

    /** The adapter's hang-up confirmation (5 s by default) and the scheduler's consumer lag, beyond the delivery timeout. */
    public static final Duration END_REPORT_MARGIN = Duration.ofSeconds(10);

    public SchedulingSettings {
        requirePositive(ringTimeout, "ring timeout");
        requirePositive(dispatchWindow, "dispatch window");
        requirePositive(lostAttemptGrace, "lost-attempt grace");
        requirePositive(adapterDeliveryTimeout, "adapter delivery timeout");
        requirePositive(republishAfter, "republish delay");
        requirePositive(defaultTtl, "default TTL");
        requirePositive(placementRetryDelay, "placement retry delay");
        if (ringTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("the ring timeout must be at least one second, was " + ringTimeout);
        }
        if (lostAttemptGrace.compareTo(adapterDeliveryTimeout.plus(END_REPORT_MARGIN)) < 0) {
            throw new IllegalArgumentException("the lost-attempt grace (" + lostAttemptGrace + ") must cover the"
                    + " adapters' delivery timeout (" + adapterDeliveryTimeout + ") plus " + END_REPORT_MARGIN
                    + ", or a late ENDED could arrive after the number was dialed again");
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
