package io.codac.reporting.webhook.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a failed delivery is tried again: exponential back-off ({@code initialDelay × multiplier^(n-1)}
 * after the n-th failure, capped at {@code maxDelay}) with "equal jitter" — half the delay fixed, half
 * random — so a receiver that comes back is not hit by every queued delivery in the same second, while
 * no retry comes sooner than half its nominal delay. Deliveries are retried until {@code maxAge} after
 * they were created (at least 24 h by default), then given up; an operator can redeliver afterwards.
 *
 * @param initialDelay the delay after the first failed attempt
 * @param multiplier   the growth per further failure
 * @param maxDelay     the longest wait between two attempts
 * @param maxAge       how long after its creation a delivery is still retried
 */
public record RetrySchedule(Duration initialDelay, double multiplier, Duration maxDelay, Duration maxAge) {

    /** 1 s, ×2, at most 1 h apart, for 25 h: about 40 attempts, the last ones hourly. */
    public static final RetrySchedule DEFAULT =
            new RetrySchedule(Duration.ofSeconds(1), 2.0, Duration.ofHours(1), Duration.ofHours(25));

    public RetrySchedule {
        if (initialDelay.isNegative() || initialDelay.isZero() || multiplier < 1.0
                || maxDelay.compareTo(initialDelay) < 0 || maxAge.isNegative()) {
            throw new IllegalArgumentException("invalid retry schedule " + initialDelay + " ×" + multiplier
                    + " ≤" + maxDelay + " for " + maxAge);
        }
    }

    /** The nominal (un-jittered) delay after {@code failures} failed attempts (≥ 1). */
    public Duration nominalDelay(int failures) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failures - 1));
        return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
    }

    /** The delay with jitter; {@code random} in [0, 1) picks a point in the upper half of the nominal delay. */
    public Duration delay(int failures, double random) {
        long nominal = nominalDelay(failures).toMillis();
        long half = nominal / 2;
        return Duration.ofMillis(nominal - half + (long) (half * Math.min(Math.max(random, 0.0), 1.0)));
    }

    /** When a delivery created at {@code createdAt} gives up. */
    public Instant giveUpAt(Instant createdAt) {
        return createdAt.plus(maxAge);
    }

    /** The next attempt after {@code failures} failures at {@code now}, or empty when it would fall past {@code giveUpAt}. */
    public Optional<Instant> next(int failures, Instant now, Instant giveUpAt, double random) {
        Instant next = now.plus(delay(failures, random));
        return next.isAfter(giveUpAt) ? Optional.empty() : Optional.of(next);
    }
}
