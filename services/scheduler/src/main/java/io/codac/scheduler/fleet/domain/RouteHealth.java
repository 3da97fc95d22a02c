package io.codac.scheduler.fleet.domain;

import io.codac.scheduler.placement.domain.RouteStats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The health of every route (trunk × destination operator) as exponentially decayed counts of attempts, connects
 * and route failures: a count observed one half-life ago weighs half as much as one observed now, so a route that
 * degrades mid-run shows it within a minute, and one that recovers is forgiven as fast, without a window to tune.
 *
 * <p>Counts are stored decayed to the time of the route's latest observation and decayed further on reading.
 * An observation older than that (a heartbeat arriving late) is added already decayed to it, so time never runs
 * backwards. The operator is normalised ({@link RouteStats#operatorKey}): "" is the unknown operator.
 *
 * <p>Not thread-safe: {@link FleetView} guards it.
 */
public final class RouteHealth {

    /** Observations decay to half their weight in this long unless configured otherwise. */
    public static final Duration DEFAULT_HALF_LIFE = Duration.ofSeconds(60);

    /**
     * The short memory of {@link RouteStats#recentRouteFailureRate}: a route that starts failing most of its calls is
     * seen within a few seconds of traffic, and one that recovers is forgiven as fast.
     */
    public static final Duration RECENT_HALF_LIFE = Duration.ofSeconds(5);

    private record Route(String trunkId, String operator) {
    }

    private static final class Counts {
        double attempts;
        double connects;
        double routeFailures;
        double recentAttempts;
        double recentRouteFailures;
        Instant at;
    }

    private final double halfLifeNanos;
    private final double recentHalfLifeNanos = RECENT_HALF_LIFE.toNanos();
    private final Map<Route, Counts> routes = new HashMap<>();

    public RouteHealth(Duration halfLife) {
        if (halfLife == null || halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("the route half-life must be positive, was " + halfLife);
        }
        this.halfLifeNanos = halfLife.toNanos();
    }

    /** Adds what a route did: deltas of its attempts, connects and route failures, observed at {@code at}. */
    public void observe(String trunkId, String operator, long attemptsDelta, long connectsDelta, long routeFailuresDelta,
                        Instant at) {
        if (attemptsDelta < 0 || connectsDelta < 0 || routeFailuresDelta < 0) {
            throw new IllegalArgumentException("route deltas cannot be negative: " + attemptsDelta + "/" + connectsDelta
                    + "/" + routeFailuresDelta);
        }
        if (attemptsDelta == 0 && connectsDelta == 0 && routeFailuresDelta == 0) {
            return;
        }
        Counts counts = routes.computeIfAbsent(new Route(trunkId, RouteStats.operatorKey(operator)), route -> new Counts());
        double weight = 1;
        double recentWeight = 1;
        if (counts.at == null) {
            counts.at = at;
        } else if (at.isAfter(counts.at)) {
            double decay = decay(counts.at, at, halfLifeNanos);
            counts.attempts *= decay;
            counts.connects *= decay;
            counts.routeFailures *= decay;
            double recentDecay = decay(counts.at, at, recentHalfLifeNanos);
            counts.recentAttempts *= recentDecay;
            counts.recentRouteFailures *= recentDecay;
            counts.at = at;
        } else {
            weight = decay(at, counts.at, halfLifeNanos);
            recentWeight = decay(at, counts.at, recentHalfLifeNanos);
        }
        counts.attempts += attemptsDelta * weight;
        counts.connects += connectsDelta * weight;
        counts.routeFailures += routeFailuresDelta * weight;
        counts.recentAttempts += attemptsDelta * recentWeight;
        counts.recentRouteFailures += routeFailuresDelta * recentWeight;
    }

    /** The route's decayed counts as of {@code now}; {@link RouteStats#NONE} for a route never observed. */
    public RouteStats stats(String trunkId, String operator, Instant now) {
        Counts counts = routes.get(new Route(trunkId, RouteStats.operatorKey(operator)));
        return counts == null ? RouteStats.NONE : statsOf(counts, now);
    }

    /** Every route observed, by trunk then operator, as of {@code now} (for the operations API). */
    public List<RouteSnapshot> snapshot(Instant now) {
        var snapshot = new ArrayList<RouteSnapshot>(routes.size());
        routes.forEach((route, counts) -> {
            RouteStats stats = statsOf(counts, now);
            snapshot.add(new RouteSnapshot(route.trunkId(), route.operator(), stats.attempts(),
                    stats.observedConnectRate(), stats.observedRouteFailureRate()));
        });
        snapshot.sort(Comparator.comparing(RouteSnapshot::trunkId).thenComparing(RouteSnapshot::operator));
        return snapshot;
    }

    private RouteStats statsOf(Counts counts, Instant now) {
        boolean later = now.isAfter(counts.at);
        double decay = later ? decay(counts.at, now, halfLifeNanos) : 1;
        double recentDecay = later ? decay(counts.at, now, recentHalfLifeNanos) : 1;
        return new RouteStats(counts.attempts * decay, counts.connects * decay, counts.routeFailures * decay,
                counts.recentAttempts * recentDecay, counts.recentRouteFailures * recentDecay);
    }

    /** 0.5 ^ (elapsed / half-life), without allocating: it runs for every trunk of every placement. */
    private static double decay(Instant from, Instant to, double halfLifeNanos) {
        double elapsedNanos = (to.getEpochSecond() - from.getEpochSecond()) * 1e9 + (to.getNano() - from.getNano());
        return Math.exp(elapsedNanos * LN_HALF / halfLifeNanos);
    }

    private static final double LN_HALF = Math.log(0.5);
}
