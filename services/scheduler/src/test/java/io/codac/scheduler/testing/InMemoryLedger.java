package io.codac.scheduler.testing;

import io.codac.contracts.domain.VerificationStatus;
import io.codac.contracts.event.DialCommand;
import io.codac.scheduler.verification.domain.Attempt;
import io.codac.scheduler.verification.domain.AttemptStatus;
import io.codac.scheduler.verification.domain.NewAttemptOutcome;
import io.codac.scheduler.verification.domain.PartitionScope;
import io.codac.scheduler.verification.domain.Verification;
import io.codac.scheduler.verification.domain.VerificationLedger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The ledger port in memory, with the same rules as the database adapter (version checks, finishing only live
 * attempts, one live attempt per number), for fast tests of the use cases. The real adapter is tested in the ITs.
 */
public final class InMemoryLedger implements VerificationLedger {

    private final Map<String, Verification> verifications = new LinkedHashMap<>();
    private final Map<String, Attempt> attempts = new LinkedHashMap<>();
    private final Map<String, LiveNumber> liveNumbers = new LinkedHashMap<>();
    private final Map<String, Integer> partitions = new LinkedHashMap<>();
    private final Map<String, DialCommand> outbox = new LinkedHashMap<>();
    private final java.util.Set<String> sent = new java.util.HashSet<>();

    private boolean attemptWritesFail;

    private record LiveNumber(String attemptId, Instant presumedLostAt) {
    }

    /** While true, recording a new attempt throws, as a database that went away would. */
    public synchronized void attemptWritesFail(boolean fail) {
        attemptWritesFail = fail;
    }

    @Override
    public synchronized boolean register(Verification verification, Integer partition) {
        boolean added = verifications.putIfAbsent(verification.id(), verification) == null;
        if (added && partition != null) {
            partitions.put(verification.id(), partition);
        }
        return added;
    }

    @Override
    public synchronized Optional<Verification> find(String verificationId) {
        return Optional.ofNullable(verifications.get(verificationId));
    }

    @Override
    public synchronized Optional<Attempt> findAttempt(String attemptId) {
        return Optional.ofNullable(attempts.get(attemptId));
    }

    @Override
    public synchronized List<Attempt> attemptsOf(String verificationId) {
        return attempts.values().stream().filter(a -> a.verificationId().equals(verificationId)).toList();
    }

    @Override
    public synchronized List<Verification> dueFollowUps(Instant now, int limit, PartitionScope scope) {
        return due(now, limit, v -> v.status() != VerificationStatus.PENDING, scope);
    }

    @Override
    public synchronized List<Verification> duePending(Instant now, int limit, PartitionScope scope) {
        return due(now, limit, v -> v.status() == VerificationStatus.PENDING, scope);
    }

    private boolean inScope(String verificationId, PartitionScope scope) {
        return !scope.isEmpty() && scope.includes(partitions.get(verificationId));
    }

    private List<Verification> due(Instant now, int limit, Predicate<Verification> kind, PartitionScope scope) {
        return verifications.values().stream()
                .filter(kind)
                .filter(v -> inScope(v.id(), scope))
                .filter(v -> v.nextAttemptAt() != null && !v.nextAttemptAt().isAfter(now))
                .sorted(Comparator.comparing(Verification::nextAttemptAt))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<Verification> queued(int limit, PartitionScope scope) {
        return verifications.values().stream().filter(Verification::isQueued)
                .filter(v -> inScope(v.id(), scope))
                .sorted(Comparator.comparing(Verification::requestedAt))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<Verification> queuedExpired(Instant now, int limit, PartitionScope scope) {
        return queued(Integer.MAX_VALUE, scope).stream().filter(v -> v.isExpiredAt(now)).limit(limit).toList();
    }

    @Override
    public synchronized List<Attempt> liveAttempts(PartitionScope scope) {
        return attempts.values().stream().filter(Attempt::isLive)
                .filter(a -> inScope(a.verificationId(), scope)).toList();
    }

    @Override
    public synchronized List<Attempt> overdueLiveAttempts(Instant now, int limit, PartitionScope scope) {
        return liveNumbers.values().stream()
                .filter(live -> !live.presumedLostAt().isAfter(now))
                .sorted(Comparator.comparing(LiveNumber::presumedLostAt))
                .map(live -> attempts.get(live.attemptId()))
                .filter(Attempt::isLive)
                .filter(a -> inScope(a.verificationId(), scope))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<Verification> save(Verification changed) {
        if (!isCurrent(changed)) {
            return Optional.empty();
        }
        return Optional.of(store(changed));
    }

    @Override
    public synchronized NewAttemptOutcome saveWithNewAttempt(Verification changed, Attempt placed, DialCommand command) {
        if (attemptWritesFail) {
            throw new IllegalStateException("database unavailable");
        }
        if (!isCurrent(changed) || attempts.containsKey(placed.attemptId())) {
            return new NewAttemptOutcome.VerificationChanged();
        }
        if (liveNumbers.containsKey(changed.phoneNumber())) {
            return new NewAttemptOutcome.NumberInCall();
        }
        attempts.put(placed.attemptId(), placed);
        outbox.put(placed.attemptId(), command);
        liveNumbers.put(changed.phoneNumber(), new LiveNumber(placed.attemptId(), changed.nextAttemptAt()));
        return new NewAttemptOutcome.Recorded(store(changed));
    }

    @Override
    public synchronized void resultsPublished(java.util.Collection<String> verificationIds) {
        for (String id : verificationIds) {
            Verification stored = verifications.get(id);
            if (stored != null && stored.isTerminal() && stored.nextAttemptAt() != null) {
                store(stored.resultPublished());
            }
        }
    }

    @Override
    public synchronized void commandsSent(java.util.Collection<String> attemptIds, Instant at) {
        sent.addAll(attemptIds);
    }

    @Override
    public synchronized List<DialCommand> unsentCommands(Instant placedBefore, int limit, PartitionScope scope) {
        return attempts.values().stream()
                .filter(a -> a.status() == AttemptStatus.PLACED && !sent.contains(a.attemptId()))
                .filter(a -> a.placedAt().isBefore(placedBefore))
                .filter(a -> inScope(a.verificationId(), scope))
                .sorted(Comparator.comparing(Attempt::placedAt))
                .map(a -> outbox.get(a.attemptId()))
                .filter(java.util.Objects::nonNull)
                .limit(limit)
                .toList();
    }

    /** Whether the attempt's dial command was marked sent. */
    public synchronized boolean commandWasSent(String attemptId) {
        return sent.contains(attemptId);
    }

    @Override
    public synchronized Optional<Verification> saveWithFinishedAttempt(Verification changed, Attempt finished) {
        if (!isCurrent(changed) || !isLive(finished.attemptId())) {
            return Optional.empty();
        }
        finish(finished);
        return Optional.of(store(changed));
    }

    @Override
    public synchronized boolean finishAttempt(Attempt finished) {
        if (!isLive(finished.attemptId())) {
            return false;
        }
        finish(finished);
        return true;
    }

    @Override
    public synchronized boolean saveProgress(Attempt progressed, AttemptStatus readInStatus) {
        Attempt current = attempts.get(progressed.attemptId());
        if (current == null || current.status() != readInStatus) {
            return false;
        }
        attempts.put(progressed.attemptId(), progressed);
        return true;
    }

    /** The attempt holding the number, if it is in a live call. */
    public synchronized Optional<String> liveAttemptOn(String phoneNumber) {
        return Optional.ofNullable(liveNumbers.get(phoneNumber)).map(LiveNumber::attemptId);
    }

    public synchronized Verification verification(String id) {
        return verifications.get(id);
    }

    public synchronized List<Attempt> allAttempts() {
        return new ArrayList<>(attempts.values());
    }

    private boolean isCurrent(Verification changed) {
        Verification stored = verifications.get(changed.id());
        return stored != null && stored.version() == changed.version();
    }

    private boolean isLive(String attemptId) {
        Attempt current = attempts.get(attemptId);
        return current != null && current.isLive();
    }

    private void finish(Attempt finished) {
        attempts.put(finished.attemptId(), finished);
        liveNumbers.values().removeIf(live -> live.attemptId().equals(finished.attemptId()));
    }

    private Verification store(Verification changed) {
        Verification saved = changed.withVersion(changed.version() + 1);
        verifications.put(saved.id(), saved);
        return saved;
    }
}
