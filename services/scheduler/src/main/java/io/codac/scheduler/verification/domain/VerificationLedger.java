package io.codac.scheduler.verification.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The scheduler's durable record of verifications and their attempts (the system of record it rebuilds
 * itself from). Every write that changes a verification is optimistic: it succeeds only if the row still
 * has the version the change was computed from, so two threads (or instances) racing on one verification
 * can never both place an attempt for it. Calls block until the write is durable.
 */
public interface VerificationLedger {

    /** Records a new verification; false when its id is already known (a redelivered request changes nothing). */
    boolean register(Verification verification);

    Optional<Verification> find(String verificationId);

    Optional<Attempt> findAttempt(String attemptId);

    /** The verification's attempts in the order they were placed. */
    List<Attempt> attemptsOf(String verificationId);

    /** Verifications whose {@code nextAttemptAt} has come, the longest-waiting first. */
    List<Verification> due(Instant now, int limit);

    /** Attempts that have not ended, whoever placed them. */
    List<Attempt> liveAttempts();

    /** Saves a change; empty when the verification changed since {@code changed.version()} was read. */
    Optional<Verification> save(Verification changed);

    /** Saves the verification's change and records its new attempt, in one transaction. */
    Optional<Verification> saveWithNewAttempt(Verification changed, Attempt placed);

    /**
     * Records a finished attempt ({@code ENDED}, {@code REJECTED} or {@code LOST}) and the verification's change
     * in one transaction; empty when the attempt had already finished or the verification changed meanwhile.
     */
    Optional<Verification> saveWithFinishedAttempt(Verification changed, Attempt finished);

    /** Records a finished attempt alone (its verification is already terminal); false if it had already finished. */
    boolean finishAttempt(Attempt finished);

    /** Records an attempt's progress if it is still in {@code readInStatus}; false otherwise. */
    boolean saveProgress(Attempt progressed, AttemptStatus readInStatus);
}
