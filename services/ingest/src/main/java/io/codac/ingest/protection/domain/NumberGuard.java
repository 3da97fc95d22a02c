package io.codac.ingest.protection.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Protects shoppers from call bombing: one phone number may be requested at most {@code perHour} times
 * in a clock hour, whichever clients ask. A fixed window (the UTC hour) keeps the shared counter to one
 * Redis key per number and hour; at a window's edge a number can be requested up to twice the limit
 * within a few minutes, which still bounds the calls to a handful. Every request for the number counts,
 * refused ones included: a client that keeps hammering a number does not get it back sooner.
 */
public record NumberGuard(int perHour) {

    private static final Duration WINDOW = Duration.ofHours(1);

    public NumberGuard {
        if (perHour < 1) {
            throw new IllegalArgumentException("perHour must be at least 1, was " + perHour);
        }
    }

    /** The hour a request falls in: its name (part of the counter's key) and when it ends. */
    public record Window(long hour, Instant end) {

        public Duration remaining(Instant now) {
            return Duration.between(now, end);
        }
    }

    public Window window(Instant now) {
        long hour = Math.floorDiv(now.getEpochSecond(), WINDOW.toSeconds());
        return new Window(hour, Instant.ofEpochSecond((hour + 1) * WINDOW.toSeconds()));
    }

    /** {@code count} is this request's place among the window's requests for the number, 1 for the first. */
    public boolean allows(long count) {
        return count <= perHour;
    }

    /** How long the counter must outlive its window: to its end, plus a margin for clock differences. */
    public Duration keepFor(Instant now) {
        return window(now).remaining(now).plusMinutes(5);
    }
}
