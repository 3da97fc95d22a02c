package io.codac.reporting.route.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One route's sliding windows and alert state. Calls are counted in time buckets keyed by the call's
 * own time; buckets older than window + baseline are dropped. Not thread-safe: the caller serializes.
 *
 * <p>The windows live in memory, the alert does not: a monitor {@linkplain #resumingAlert resumed} on a
 * route whose alert is still open starts degraded, so the same degradation is not raised twice. It has
 * no history from before the outage (calls during an alert never enter the baseline), so until its own
 * baseline has enough calls it judges against the baseline the alert was raised with.
 */
public final class RouteMonitor {

    /** A change of the route's state. */
    public enum Transition { DEGRADED, RECOVERED }

    private static final class Bucket {
        long calls;
        long connected;
        boolean duringAlert;
    }

    private final Route route;
    private final RoutePolicy policy;
    private final TreeMap<Long, Bucket> buckets = new TreeMap<>();
    private boolean degraded;
    /** A resumed alert's baseline, until the monitor has its own again; NaN otherwise. */
    private double resumedBaseline = Double.NaN;

    public RouteMonitor(Route route, RoutePolicy policy) {
        this.route = route;
        this.policy = policy;
    }

    /** A monitor for a route whose alert, raised against {@code alertBaseline}, is still open. */
    public static RouteMonitor resumingAlert(Route route, RoutePolicy policy, double alertBaseline) {
        if (!(alertBaseline > 0 && alertBaseline <= 1)) {
            throw new IllegalArgumentException("an open alert's baseline must be in (0, 1], was " + alertBaseline);
        }
        var monitor = new RouteMonitor(route, policy);
        monitor.degraded = true;
        monitor.resumedBaseline = alertBaseline;
        return monitor;
    }

    /** Counts one call that ended at {@code at}; then judges the route as of the newest call seen. */
    public Optional<Transition> record(Instant at, boolean connected) {
        long key = at.toEpochMilli() / policy.bucket().toMillis();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket());
        bucket.calls++;
        if (connected) {
            bucket.connected++;
        }
        bucket.duringAlert |= degraded;
        long newest = buckets.lastKey();
        long keep = (policy.window().toMillis() + policy.baseline().toMillis()) / policy.bucket().toMillis();
        buckets.headMap(newest - keep + 1, false).clear(); // keeps exactly window + baseline
        return judge(newest);
    }

    private Optional<Transition> judge(long newest) {
        RouteHealth health = health(newest);
        if (health.baselineCalls() >= policy.minBaselineCalls()) {
            resumedBaseline = Double.NaN; // its own baseline is known again
        }
        if (health.windowCalls() < policy.minWindowCalls() || !baselineKnown(health.baselineCalls())) {
            return Optional.empty();
        }
        if (!degraded && health.windowRate() < policy.degradeRatio() * health.baselineRate()) {
            degraded = true;
            buckets.tailMap(newest - windowBuckets() + 1, true).values().forEach(b -> b.duringAlert = true);
            return Optional.of(Transition.DEGRADED);
        }
        if (degraded && health.windowRate() >= policy.recoverRatio() * health.baselineRate()) {
            degraded = false;
            return Optional.of(Transition.RECOVERED);
        }
        return Optional.empty();
    }

    /** The figures as of the newest call seen. */
    public RouteHealth health() {
        return buckets.isEmpty() ? new RouteHealth(route, 0, Double.NaN, 0, Double.NaN, degraded) : health(buckets.lastKey());
    }

    private RouteHealth health(long newest) {
        long windowStart = newest - windowBuckets() + 1;
        long wCalls = 0, wConnected = 0, bCalls = 0, bConnected = 0;
        for (var entry : buckets.entrySet()) {
            Bucket b = entry.getValue();
            if (entry.getKey() >= windowStart) {
                wCalls += b.calls;
                wConnected += b.connected;
            } else if (!b.duringAlert) {
                bCalls += b.calls;
                bConnected += b.connected;
            }
        }
        double baselineRate = usesResumedBaseline(bCalls) ? resumedBaseline : rate(bConnected, bCalls);
        return new RouteHealth(route, wCalls, rate(wConnected, wCalls), bCalls, baselineRate, degraded);
    }

    private boolean baselineKnown(long baselineCalls) {
        return baselineCalls >= policy.minBaselineCalls() || usesResumedBaseline(baselineCalls);
    }

    private boolean usesResumedBaseline(long baselineCalls) {
        return !Double.isNaN(resumedBaseline) && baselineCalls < policy.minBaselineCalls();
    }

    private long windowBuckets() {
        return policy.window().toMillis() / policy.bucket().toMillis();
    }

    private static double rate(long connected, long calls) {
        return calls == 0 ? Double.NaN : (double) connected / calls;
    }

    public Route route() {
        return route;
    }

    public boolean degraded() {
        return degraded;
    }
}
