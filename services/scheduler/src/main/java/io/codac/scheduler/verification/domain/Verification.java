package io.codac.scheduler.verification.domain;

import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.domain.VerificationStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * One verification as the scheduler's ledger holds it. Immutable: each transition returns the next state,
 * keeping the {@code version} it was read at so the ledger can refuse a write that lost a race.
 *
 * <p>{@code nextAttemptAt} is when the verification next needs the scheduler's attention, whatever its
 * status, and is what the ledger sweep polls: a {@code PENDING} one is placed (or expired) then; for an
 * {@code IN_PROGRESS} one it is the moment its live attempt is presumed lost; for a terminal one it is when
 * its result is published again unless the first publication was confirmed. {@code null} means nothing to do.
 *
 * @param attemptsMade attempts that may have reached a carrier; a hand-back for lack of capacity does not count
 */
public record Verification(
        String id,
        String clientId,
        String phoneNumber,
        VerificationMethod method,
        VerificationStatus status,
        String reason,
        Instant requestedAt,
        Instant expiresAt,
        int attemptsMade,
        Instant nextAttemptAt,
        Instant completedAt,
        long version) {

    public Verification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(phoneNumber, "phoneNumber");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (attemptsMade < 0) {
            throw new IllegalArgumentException("verification " + id + ": attemptsMade < 0");
        }
    }

    /**
     * A new verification, due at once. A missed-call verification is never dialed: it waits for the shopper's call
     * ({@code io.codac.scheduler.inbound}) and is due only at its expiry, when the sweep reports it {@code EXPIRED}.
     */
    public static Verification requested(String id, String clientId, String phoneNumber, VerificationMethod method,
                                         Instant requestedAt, Instant expiresAt, Instant now) {
        Instant due = method == VerificationMethod.FLASH_CALL ? now : expiresAt;
        return new Verification(id, clientId, phoneNumber, method, VerificationStatus.PENDING, null, requestedAt,
                expiresAt, 0, due, null, 0);
    }

    public boolean isTerminal() {
        return status.isTerminal();
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public boolean needsDialing() {
        return method == VerificationMethod.FLASH_CALL && status == VerificationStatus.PENDING;
    }

    public int nextAttemptNumber() {
        return attemptsMade + 1;
    }

    /** An attempt was placed; if it has not ended by {@code presumedLostAt}, the sweep presumes it lost. */
    public Verification placed(Instant presumedLostAt) {
        requireStatus(VerificationStatus.PENDING, "place an attempt");
        return with(VerificationStatus.IN_PROGRESS, null, attemptsMade + 1, presumedLostAt, null);
    }

    /** Back to waiting for a trunk: placed again at {@code at} (a retry, or no trunk had room). */
    public Verification waitingUntil(Instant at) {
        requireLive("wait");
        return with(VerificationStatus.PENDING, null, attemptsMade, at, null);
    }

    /**
     * Waiting in its owner's line for a trunk ({@code nextAttemptAt} null): placed when its turn comes, not by the due
     * sweep; a restart or a rebalance reloads the line from these rows.
     */
    public Verification queued() {
        requireStatus(VerificationStatus.PENDING, "queue");
        return with(VerificationStatus.PENDING, null, attemptsMade, null, null);
    }

    /** Waiting in a line ({@link #queued()}), not merely due. */
    public boolean isQueued() {
        return status == VerificationStatus.PENDING && nextAttemptAt == null;
    }

    /** The adapter handed the attempt back undialed (no capacity): it does not count, place it again now. */
    public Verification handedBack(Instant now) {
        requireStatus(VerificationStatus.IN_PROGRESS, "hand an attempt back");
        return with(VerificationStatus.PENDING, null, Math.max(0, attemptsMade - 1), now, null);
    }

    /** The terminal status; the result is published again at {@code republishAt} unless confirmed before. */
    public Verification completed(VerificationStatus terminal, String why, Instant now, Instant republishAt) {
        if (!terminal.isTerminal()) {
            throw new IllegalArgumentException("verification " + id + ": " + terminal + " is not terminal");
        }
        requireLive("complete");
        return with(terminal, why, attemptsMade, republishAt, now);
    }

    /** The result could not be published: try again at {@code at}. */
    public Verification resultDueAgainAt(Instant at) {
        if (!isTerminal()) {
            throw new IllegalStateException("verification " + id + " has no result to publish yet (" + status + ")");
        }
        return with(status, reason, attemptsMade, at, completedAt);
    }

    /** The result reached the results topic: nothing left to do for this verification. */
    public Verification resultPublished() {
        if (!isTerminal()) {
            throw new IllegalStateException("verification " + id + " has no result to publish yet (" + status + ")");
        }
        return with(status, reason, attemptsMade, null, completedAt);
    }

    /** The same state as stored under a new version (the ledger bumps the version on every write). */
    public Verification withVersion(long newVersion) {
        return new Verification(id, clientId, phoneNumber, method, status, reason, requestedAt, expiresAt,
                attemptsMade, nextAttemptAt, completedAt, newVersion);
    }

    private Verification with(VerificationStatus newStatus, String newReason, int attempts, Instant next, Instant completed) {
        return new Verification(id, clientId, phoneNumber, method, newStatus, newReason, requestedAt, expiresAt,
                attempts, next, completed, version);
    }

    private void requireStatus(VerificationStatus expected, String action) {
        if (status != expected) {
            throw new IllegalStateException("cannot " + action + " for verification " + id + " in status " + status);
        }
    }

    private void requireLive(String action) {
        if (isTerminal()) {
            throw new IllegalStateException("cannot " + action + ": verification " + id + " is already " + status);
        }
    }
}
