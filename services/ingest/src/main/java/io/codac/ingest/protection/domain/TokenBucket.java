package io.codac.ingest.protection.domain;

import java.time.Duration;

/**
 * A client's rate limit as a token bucket: it holds at most {@code burst} tokens and refills at
 * {@code perSecond} tokens a second. A request needs one token; a batch costs one token per item.
 *
 * <p>A request is let through when the bucket holds at least one token, and then takes its whole cost,
 * even if that leaves the bucket in debt: a batch of 1,000 items can pass with a burst of 100, and the
 * client then waits until the debt is refilled. The average rate is kept exactly, bursts are bounded
 * by {@code burst} plus one batch, and no batch is refused forever because it is larger than the bucket.
 *
 * <p>Refused requests take nothing. {@code Retry-After} is the time until the bucket holds one token.
 * {@code RedisRateLimiter}'s Lua script is this method, run atomically in Redis against the server's
 * clock, so that every gateway instance draws from the same bucket.
 */
public record TokenBucket(double perSecond, double burst) {

    public TokenBucket {
        if (!(perSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("a token bucket needs a positive rate and a burst of at least 1");
        }
    }

    /** The bucket's stored state: its tokens (negative when in debt) when last touched, in epoch microseconds. */
    public record State(double tokens, long atMicros) {
    }

    public sealed interface Decision {
        State next();
    }

    public record Allowed(State next) implements Decision {
    }

    public record Refused(State next, Duration retryAfter) implements Decision {
    }

    /** A bucket never seen before is full. */
    public State fresh(long nowMicros) {
        return new State(burst, nowMicros);
    }

    public Decision take(State state, long nowMicros, int cost) {
        if (cost < 1) {
            throw new IllegalArgumentException("cost must be at least 1, was " + cost);
        }
        // clocks of different writers may step back a little: never refill for negative time
        long elapsed = Math.max(0, nowMicros - state.atMicros());
        double tokens = Math.min(burst, state.tokens() + elapsed * perSecond / 1_000_000d);
        if (tokens >= 1) {
            return new Allowed(new State(tokens - cost, nowMicros));
        }
        long waitMicros = (long) Math.ceil((1 - tokens) * 1_000_000d / perSecond);
        return new Refused(new State(tokens, nowMicros), Duration.ofNanos(waitMicros * 1_000));
    }
}
