package io.codac.scheduler.testing;

import io.codac.scheduler.verification.domain.Attempt;
import io.codac.scheduler.verification.domain.AttemptStatus;
import io.codac.scheduler.verification.domain.Verification;
import io.codac.scheduler.verification.domain.VerificationLedger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger port in memory, with the same optimistic rules as the database adapter (version checks,
 * finishing only live attempts), for fast tests of the use cases. The real adapter is tested in the IT.
 */
public final class InMemoryLedger implements VerificationLedger {

    private final Map<String, Verification> verifications = new LinkedHashMap<>();
    private final Map<String, Attempt> attempts = new LinkedHashMap<>();

    @Override
    public synchronized boolean register(Verification verification) {
        return verifications.putIfAbsent(verification.id(), verification) == null;
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
    public synchronized List<Verification> due(Instant now, int limit) {
        return verifications.values().stream()
                .filter(v -> v.nextAttemptAt() != null && !v.nextAttemptAt().isAfter(now))
                .sorted(Comparator.comparing(Verification::nextAttemptAt))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized List<Attempt> liveAttempts() {
        return attempts.values().stream().filter(Attempt::isLive).toList();
    }

    @Override
    public synchronized Optional<Verification> save(Verification changed) {
        if (!isCurrent(changed)) {
            return Optional.empty();
        }
        return Optional.of(store(changed));
    }

    @Override
    public synchronized Optional<Verification> saveWithNewAttempt(Verification changed, Attempt placed) {
        if (!isCurrent(changed) || attempts.containsKey(placed.attemptId())) {
            return Optional.empty();
        }
        attempts.put(placed.attemptId(), placed);
        return Optional.of(store(changed));
    }

    @Override
    public synchronized Optional<Verification> saveWithFinishedAttempt(Verification changed, Attempt finished) {
        if (!isCurrent(changed) || !isLive(finished.attemptId())) {
            return Optional.empty();
        }
        attempts.put(finished.attemptId(), finished);
        return Optional.of(store(changed));
    }

    @Override
    public synchronized boolean finishAttempt(Attempt finished) {
        if (!isLive(finished.attemptId())) {
            return false;
        }
        attempts.put(finished.attemptId(), finished);
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

    private Verification store(Verification changed) {
        Verification saved = changed.withVersion(changed.version() + 1);
        verifications.put(saved.id(), saved);
        return saved;
    }
}
