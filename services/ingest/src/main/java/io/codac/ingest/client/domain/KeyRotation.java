package io.codac.ingest.client.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * When the keys a client already has stop working after it is given a new one: at the end of the
 * overlap, so that its systems can switch without an outage. A key that already expires sooner keeps
 * its earlier end (a rotation never extends a key's life); an overlap of zero ends them at once.
 */
public record KeyRotation(Duration maxOverlap) {

    public KeyRotation {
        if (maxOverlap.isNegative()) {
            throw new IllegalArgumentException("the longest overlap cannot be negative");
        }
    }

    /** Why an overlap asked for cannot be used, or {@code null} when it can. */
    public String overlapViolation(Duration overlap) {
        if (overlap.isNegative()) {
            return "overlapSeconds cannot be negative";
        }
        if (overlap.compareTo(maxOverlap) > 0) {
            return "overlapSeconds must be at most " + maxOverlap.toSeconds();
        }
        return null;
    }

    /** The end of the previous keys, for a rotation at {@code now}. */
    public Instant previousKeysExpireAt(Instant now, Duration overlap) {
        if (overlapViolation(overlap) != null) {
            throw new IllegalArgumentException(overlapViolation(overlap));
        }
        return now.plus(overlap);
    }

    /** The earlier of a key's current end ({@code null}: none) and the rotation's. */
    public static Instant earlier(Instant current, Instant rotation) {
        return current == null || rotation.isBefore(current) ? rotation : current;
    }

    /** Whether a key authenticates at {@code now}: not revoked, and not past its end. */
    public static boolean isLive(Instant revokedAt, Instant expiresAt, Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
