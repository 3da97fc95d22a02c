package io.codac.scheduler.verification.domain;

import io.codac.contracts.event.DialCommand;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The scheduler's durable record of verifications and their attempts (the system of record it rebuilds
 * itself from). Every write that changes a verification is optimistic: it succeeds only if the row still
 * has the version the change was computed from, so two threads (or instances) racing on one verification
 * can never both place an attempt for it. Calls block until the write is durable.
 *
 * <p>The ledger also holds each number that is in a live call: a live attempt holds its number from the
 * transaction that records it to the transaction that finishes it, and a number held by one attempt cannot
 * be taken by another — whichever thread or instance asks — so no number is ever in two live calls at once.
 *
 * <p>An attempt's row is also the outbox of its dial command: the command is written in the transaction that records
 * the attempt, marked sent once the broker acknowledged it, and relayed again from here if this process died in
 * between (ADR 0007).
 *
 * <p>Each verification carries the partition its request came from; the queries an instance runs for its own work
 * take its {@link PartitionScope}.
 */
public interface VerificationLedger {

    /**
     * Records a new verification from {@code partition} of the requests topic ({@code null}: unknown, in every
     * scope); false when its id is already known (a redelivered request changes nothing).
     */
    boolean register(Verification verification, Integer partition);

    /** A new verification and the requests-topic partition it came from ({@code null}: unknown). */
    record Registration(Verification verification, Integer partition) {
    }

    /**
     * Records several new verifications, as {@link #register(Verification, Integer)} each (an implementation may write
     * them in one statement); returns those that were new, in the given order. An id given twice counts once.
     */
    default List<Verification> registerAll(List<Registration> registrations) {
        List<Verification> registered = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Registration registration : registrations) {
            if (seen.add(registration.verification().id())
                    && register(registration.verification(), registration.partition())) {
                registered.add(registration.verification());
            }
        }
        return registered;
    }

    default boolean register(Verification verification) {
        return register(verification, null);
    }

    Optional<Verification> find(String verificationId);

    Optional<Attempt> findAttempt(String attemptId);

    /** The verification's attempts in the order they were placed. */
    List<Attempt> attemptsOf(String verificationId);

    /**
     * {@code IN_PROGRESS} and terminal verifications whose {@code nextAttemptAt} has come (an attempt to presume
     * lost, a result to publish again), the longest-waiting first. Apart from the waiting ones, so that a backlog
     * of verifications waiting for a trunk can never hide them from the sweep.
     */
    List<Verification> dueFollowUps(Instant now, int limit, PartitionScope scope);

    /** {@code PENDING} verifications whose {@code nextAttemptAt} has come, the longest-waiting first. */
    List<Verification> duePending(Instant now, int limit, PartitionScope scope);

    /** Verifications waiting in a line ({@link Verification#queued()}) in scope, the longest-waiting first. */
    List<Verification> queued(int limit, PartitionScope scope);

    /** Verifications waiting in a line in scope whose time to live has passed. */
    List<Verification> queuedExpired(Instant now, int limit, PartitionScope scope);

    /** Attempts that have not ended, whoever placed them, of the verifications in {@code scope}. */
    List<Attempt> liveAttempts(PartitionScope scope);

    /**
     * Live attempts still holding their number after the time they were recorded with (see
     * {@link #saveWithNewAttempt}): their end was never reported, whatever their verification's status.
     */
    List<Attempt> overdueLiveAttempts(Instant now, int limit, PartitionScope scope);

    /** Saves a change; empty when the verification changed since {@code changed.version()} was read. */
    Optional<Verification> save(Verification changed);

    /**
     * Saves the verification's change, records its new attempt with its dial command (not yet sent) and has the
     * attempt hold the verification's number, in one transaction. The attempt is overdue, if it has not finished by
     * then, at {@code changed.nextAttemptAt()} (when the verification presumes it lost).
     */
    NewAttemptOutcome saveWithNewAttempt(Verification changed, Attempt placed, DialCommand command);

    /**
     * The broker acknowledged these terminal verifications' results: nothing is left to do for them (their
     * {@code nextAttemptAt} is cleared, their version bumped). Non-terminal ones are left alone. Idempotent.
     */
    void resultsPublished(Collection<String> verificationIds);

    /** The broker acknowledged these attempts' dial commands: the relay leaves them alone. Idempotent. */
    void commandsSent(Collection<String> attemptIds, Instant at);

    default void commandSent(String attemptId, Instant at) {
        commandsSent(List.of(attemptId), at);
    }

    /**
     * Dial commands of attempts still {@code PLACED} that were never marked sent, recorded before
     * {@code placedBefore} (the inline publication had its chance), oldest first, of the verifications in scope.
     */
    List<DialCommand> unsentCommands(Instant placedBefore, int limit, PartitionScope scope);

    /**
     * Records a finished attempt ({@code ENDED}, {@code REJECTED} or {@code LOST}), releases its number and saves
     * the verification's change, in one transaction; empty when the attempt had already finished or the
     * verification changed meanwhile.
     */
    Optional<Verification> saveWithFinishedAttempt(Verification changed, Attempt finished);

    /**
     * Records a finished attempt alone and releases its number (its verification is already terminal); false if
     * it had already finished.
     */
    boolean finishAttempt(Attempt finished);

    /** Records an attempt's progress if it is still in {@code readInStatus}; false otherwise. */
    boolean saveProgress(Attempt progressed, AttemptStatus readInStatus);
}
