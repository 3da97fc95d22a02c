package io.codac.sim.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The carrier's side of "never dial twice": it remembers which numbers have a live channel and when each
 * number last reached a handset (rang, answered or was busy), and counts every originate that breaks either
 * promise. Not thread-safe: the {@link TelephoneNetwork} serialises access.
 */
final class PromiseLedger {

    private static final int MIN_PRUNE_THRESHOLD = 4096;

    private final Duration redialWindow;
    private final Map<String, Integer> liveChannels = new HashMap<>();
    private final Map<String, Instant> reachedAt = new HashMap<>();
    private int pruneThreshold = MIN_PRUNE_THRESHOLD;
    private final Set<String> numbersDialedConcurrently = new HashSet<>();
    private final Set<String> numbersRedialed = new HashSet<>();
    private long concurrentDoubleDials;
    private long redialsAfterAlerting;

    PromiseLedger(Duration redialWindow) {
        this.redialWindow = redialWindow;
    }

    /** A channel to {@code number} is being originated; returns the promises it breaks (usually none). */
    List<BrokenPromise.Kind> dialing(String number, Instant now) {
        var broken = new ArrayList<BrokenPromise.Kind>(2);
        if (liveChannels.getOrDefault(number, 0) > 0) {
            concurrentDoubleDials++;
            numbersDialedConcurrently.add(number);
            broken.add(BrokenPromise.Kind.CONCURRENT_DOUBLE_DIAL);
        }
        Instant reached = reachedAt.get(number);
        if (reached != null && !now.isAfter(reached.plus(redialWindow))) {
            redialsAfterAlerting++;
            numbersRedialed.add(number);
            broken.add(BrokenPromise.Kind.REDIAL_AFTER_ALERTING);
        }
        liveChannels.merge(number, 1, Integer::sum);
        return broken;
    }

    /** A channel to {@code number} is gone. */
    void ended(String number) {
        liveChannels.computeIfPresent(number, (n, count) -> count > 1 ? count - 1 : null);
    }

    /** The far end proved a handset: it rang, answered, or answered busy. */
    void reached(String number, Instant now) {
        reachedAt.put(number, now);
        if (reachedAt.size() > pruneThreshold) {
            Instant horizon = now.minus(redialWindow);
            reachedAt.values().removeIf(at -> at.isBefore(horizon));
            pruneThreshold = Math.max(MIN_PRUNE_THRESHOLD, reachedAt.size() * 2);
        }
    }

    long concurrentDoubleDials() {
        return concurrentDoubleDials;
    }

    long redialsAfterAlerting() {
        return redialsAfterAlerting;
    }

    /** Distinct numbers that ever had two live calls at once (a set of offenders only: it stays small when all is well). */
    long numbersDialedConcurrently() {
        return numbersDialedConcurrently.size();
    }

    /** Distinct numbers dialed again within the redial window after a call to them reached the handset. */
    long numbersRedialedAfterAlerting() {
        return numbersRedialed.size();
    }
}
