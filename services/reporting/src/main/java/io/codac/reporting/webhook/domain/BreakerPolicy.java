package io.codac.reporting.webhook.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The circuit breaker per endpoint, as policy: over the last {@code windowCalls} calls (once at least
 * {@code minimumCalls} were made), a failure rate of {@code failureRatePercent} or more opens the breaker
 * for {@code openFor}; then {@code probeCalls} trial calls decide whether it closes again. While it is
 * open, deliveries to that endpoint are not attempted and not counted as failures: they wait until the
 * breaker may probe again, so one dead endpoint costs the others no sender time and its deliveries do
 * not burn their retry budget on calls we know will fail.
 */
public record BreakerPolicy(int windowCalls, int minimumCalls, float failureRatePercent, Duration openFor, int probeCalls) {

    public static final BreakerPolicy DEFAULT = new BreakerPolicy(20, 5, 50f, Duration.ofSeconds(30), 2);

    public BreakerPolicy {
        if (windowCalls < 1 || minimumCalls < 1 || minimumCalls > windowCalls || failureRatePercent <= 0
                || failureRatePercent > 100 || openFor.isNegative() || openFor.isZero() || probeCalls < 1) {
            throw new IllegalArgumentException("invalid breaker policy " + this);
        }
    }

    /** When a delivery refused by an open breaker is looked at again: after the open period, spread by jitter. */
    public Instant retryWhenOpen(Instant now, double random) {
        long millis = openFor.toMillis();
        return now.plusMillis(millis + (long) (millis / 2 * Math.min(Math.max(random, 0.0), 1.0)));
    }
}
