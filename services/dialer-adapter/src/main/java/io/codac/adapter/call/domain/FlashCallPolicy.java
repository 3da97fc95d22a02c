package io.codac.adapter.call.domain;

import java.time.Duration;
import java.util.Set;

/**
 * How long a flash call lets the phone ring, how long we trust the server to confirm a hang-up, and which
 * trunks' carriers signal ringing as early media.
 *
 * @param hangUpAfterRinging   ringing proves the line; after this long we clear the call
 * @param hangUpConfirmation   after asking for a hang-up, how long we wait for {@code ChannelDestroyed}
 *                             before ending the leg with what we know
 * @param defaultRingTimeout   the ring timeout for a command that carries none
 * @param earlyMediaRingsOn    trunk ids whose carrier signals a ringing phone only as 183 early media (no 180);
 *                             on any other trunk a 183 alone never counts as alerting
 * @param earlyMediaConfirmation how long a 183 on such a trunk must last without failing before it counts as
 *                             ringing: an announcement ("switched off") also comes as early media, and ends in
 *                             a failure, so it must be longer than the carriers' announcements
 */
public record FlashCallPolicy(Duration hangUpAfterRinging, Duration hangUpConfirmation, Duration defaultRingTimeout,
                              Set<String> earlyMediaRingsOn, Duration earlyMediaConfirmation) {

    public FlashCallPolicy {
        requirePositive(hangUpAfterRinging, "hangUpAfterRinging", true);
        requirePositive(hangUpConfirmation, "hangUpConfirmation", false);
        requirePositive(defaultRingTimeout, "defaultRingTimeout", false);
        requirePositive(earlyMediaConfirmation, "earlyMediaConfirmation", false);
        earlyMediaRingsOn = earlyMediaRingsOn == null ? Set.of() : Set.copyOf(earlyMediaRingsOn);
    }

    /** A policy where a 183 never counts as ringing. */
    public FlashCallPolicy(Duration hangUpAfterRinging, Duration hangUpConfirmation, Duration defaultRingTimeout) {
        this(hangUpAfterRinging, hangUpConfirmation, defaultRingTimeout, Set.of(), Duration.ofSeconds(10));
    }

    public static FlashCallPolicy defaults() {
        return new FlashCallPolicy(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    /** The same policy, with these trunks' 183s confirmed as ringing after {@code confirmation}. */
    public FlashCallPolicy withEarlyMediaRinging(Set<String> trunkIds, Duration confirmation) {
        return new FlashCallPolicy(hangUpAfterRinging, hangUpConfirmation, defaultRingTimeout, trunkIds, confirmation);
    }

    /** Whether this trunk's carrier signals a ringing phone as early media. */
    public boolean earlyMediaMayRing(String trunkId) {
        return trunkId != null && earlyMediaRingsOn.contains(trunkId);
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
