package io.codac.scheduler.placement.domain;

/**
 * What is known of one route (a trunk × a destination operator): exponentially decayed counts of attempts,
 * connects (the network reached a handset) and route failures, so recent calls weigh more than old ones.
 *
 * <p>Rates are read through a {@link Prior}: {@code (connects + rate × weight) / (attempts + weight)}. A route
 * with no observations is exactly as good as the prior, one with a few is pulled toward it, and one with many
 * speaks for itself — so a new or rarely used route is neither loved nor shunned on the strength of two calls.
 *
 * <p>The route's last seconds are kept apart as well ({@code recent...}, a much shorter memory): a route that starts
 * failing most of its calls shows it there within seconds, long before its minute-long record turns.
 *
 * @param attempts             decayed attempts placed on the route
 * @param connects             decayed attempts that reached a handset (rang or answered)
 * @param routeFailures        decayed attempts the shared classifier counted as a strike against the route
 * @param recentAttempts       attempts, decayed with the short memory
 * @param recentRouteFailures  route failures, decayed with the short memory
 */
public record RouteStats(double attempts, double connects, double routeFailures, double recentAttempts,
                         double recentRouteFailures) {

    /** Below this many recent attempts, the recent failure rate says nothing (one failure is not a failing route). */
    public static final double RECENT_EVIDENCE = 4;

    /** The operator key of a number whose destination operator is not known. */
    public static final String UNKNOWN_OPERATOR = "";

    /** A route never observed (or observed so long ago that nothing is left). */
    public static final RouteStats NONE = new RouteStats(0, 0, 0);

    public RouteStats {
        for (double count : new double[] {attempts, connects, routeFailures, recentAttempts, recentRouteFailures}) {
            if (!(count >= 0) || Double.isInfinite(count)) {
                throw new IllegalArgumentException("route counts must be finite and >= 0, were " + attempts + "/"
                        + connects + "/" + routeFailures + " (recent " + recentAttempts + "/" + recentRouteFailures + ")");
            }
        }
    }

    /** A route whose recent record is its whole record (nothing older). */
    public RouteStats(double attempts, double connects, double routeFailures) {
        this(attempts, connects, routeFailures, attempts, routeFailures);
    }

    /**
     * The z of a one-sided 95 % confidence: a route is taken for failing only when its last seconds show it with that
     * confidence, not on a short run of bad luck.
     */
    public static final double FAILING_CONFIDENCE_Z = 1.645;

    /**
     * The share of the route's recent attempts that failed on the route; 0 while there are fewer than
     * {@link #RECENT_EVIDENCE} recent attempts.
     */
    public double recentRouteFailureRate() {
        return recentAttempts < RECENT_EVIDENCE ? 0 : Math.min(1.0, recentRouteFailures / recentAttempts);
    }

    /**
     * The least share of failures the route's recent attempts are consistent with, at one-sided 95 % confidence (the
     * lower bound of the Wilson score interval): 2 failures in 4 calls say little (0.18), 8 in 10 a lot (0.54), 9 in
     * 10 more (0.65). Chance alone, at the few per cent of calls that fail in the network anywhere, keeps it low on
     * every route, however small; a route that really fails most calls reaches one half within a few calls. 0 while
     * there are fewer than {@link #RECENT_EVIDENCE} recent attempts.
     */
    public double recentRouteFailureLowerBound() {
        if (recentAttempts < RECENT_EVIDENCE) {
            return 0;
        }
        double n = recentAttempts;
        double share = Math.min(1.0, recentRouteFailures / n);
        double z2 = FAILING_CONFIDENCE_Z * FAILING_CONFIDENCE_Z;
        double centre = share + z2 / (2 * n);
        double margin = FAILING_CONFIDENCE_Z * Math.sqrt(share * (1 - share) / n + z2 / (4 * n * n));
        return Math.max(0, (centre - margin) / (1 + z2 / n));
    }

    /**
     * The operator key used in route names: {@code null}, blank and the adapters' {@code "unknown"}
     * ({@code DestinationOperators.UNKNOWN}) all mean the same route, {@link #UNKNOWN_OPERATOR}.
     */
    public static String operatorKey(String operator) {
        if (operator == null || operator.isBlank() || operator.equals("unknown")) {
            return UNKNOWN_OPERATOR;
        }
        return operator;
    }

    /** The connect rate smoothed toward the prior's; never above 1 (a connect can outlive its attempt's decay). */
    public double connectRate(Prior prior) {
        return Math.min(1.0, (connects + prior.connectRate() * prior.weight()) / (attempts + prior.weight()));
    }

    /** The route-failure rate smoothed toward the prior's. */
    public double routeFailureRate(Prior prior) {
        return Math.min(1.0, (routeFailures + prior.routeFailureRate() * prior.weight()) / (attempts + prior.weight()));
    }

    /** The raw connect rate, 0 without attempts (for reporting, next to {@link #attempts()}). */
    public double observedConnectRate() {
        return attempts == 0 ? 0 : Math.min(1.0, connects / attempts);
    }

    /** The raw route-failure rate, 0 without attempts (for reporting, next to {@link #attempts()}). */
    public double observedRouteFailureRate() {
        return attempts == 0 ? 0 : Math.min(1.0, routeFailures / attempts);
    }

    /**
     * What a route is believed to do before it is observed.
     *
     * @param weight how many attempts of evidence the prior is worth; positive
     */
    public record Prior(double connectRate, double routeFailureRate, double weight) {

        public Prior {
            if (!(connectRate >= 0 && connectRate <= 1) || !(routeFailureRate >= 0 && routeFailureRate <= 1)) {
                throw new IllegalArgumentException("prior rates must be within 0..1, were " + connectRate + "/" + routeFailureRate);
            }
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("the prior's weight must be positive and finite, was " + weight);
            }
        }
    }
}
