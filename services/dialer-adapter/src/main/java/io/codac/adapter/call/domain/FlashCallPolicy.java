package io.codac.adapter.call.domain;

import java.time.Duration;

/**
 * How long a flash call lets the phone ring, and how long we trust the server to confirm a hang-up.
 *
 * @param hangUpAfterRinging   ringing proves the line; after this long we clear the call
 * @param hangUpConfirmation   after asking for a hang-up, how long we wait for {@code ChannelDestroyed}
 *                             before ending the leg with what we know
 * @param defaultRingTimeout   the ring timeout for a command that carries none
 */
public record FlashCallPolicy(Duration hangUpAfterRinging, Duration hangUpConfirmation, Duration defaultRingTimeout) {

    public FlashCallPolicy {
        requirePositive(hangUpAfterRinging, "hangUpAfterRinging", true);
        requirePositive(hangUpConfirmation, "hangUpConfirmation", false);
        requirePositive(defaultRingTimeout, "defaultRingTimeout", false);
    }

    public static FlashCallPolicy defaults() {
        return new FlashCallPolicy(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** The ring timeout of a command: its own when it has one, the default otherwise. */
    public Duration ringTimeout(int ringTimeoutSeconds) {
        return ringTimeoutSeconds > 0 ? Duration.ofSeconds(ringTimeoutSeconds) : defaultRingTimeout;
    }

    private static void requirePositive(Duration value, String name, boolean zeroAllowed) {
        if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
            throw new IllegalArgumentException("flash-call policy: " + name + " must be positive, was " + value);
        }
    }
}
