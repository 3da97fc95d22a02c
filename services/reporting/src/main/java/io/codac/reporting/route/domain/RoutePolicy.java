package io.codac.reporting.route.domain;

import java.time.Duration;

/**
 * How a route is judged. The current rate is taken over {@code window}; the baseline over the
 * {@code baseline} before it (minutes that were themselves degraded are left out, so a long outage does
 * not become the new normal). A route with at least {@code minWindowCalls} recent and
 * {@code minBaselineCalls} baseline calls is degraded when its rate falls below
 * {@code degradeRatio} × its baseline, and recovers when it is back at {@code recoverRatio} × baseline
 * or more — the gap between the two keeps a route near the line from flapping.
 */
public record RoutePolicy(Duration bucket, Duration window, Duration baseline, int minWindowCalls,
                          int minBaselineCalls, double degradeRatio, double recoverRatio) {

    public static final RoutePolicy DEFAULT = new RoutePolicy(Duration.ofSeconds(5), Duration.ofSeconds(60),
            Duration.ofMinutes(30), 10, 30, 0.7, 0.9);

    public RoutePolicy {
        if (bucket.isZero() || bucket.isNegative() || window.toMillis() % bucket.toMillis() != 0
                || baseline.toMillis() % bucket.toMillis() != 0 || window.compareTo(bucket) < 0
                || minWindowCalls < 1 || minBaselineCalls < 1
                || degradeRatio <= 0 || degradeRatio >= recoverRatio || recoverRatio > 1) {
            throw new IllegalArgumentException("invalid route policy " + this);
        }
    }
}
