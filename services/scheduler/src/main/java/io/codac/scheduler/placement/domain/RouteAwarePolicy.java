package io.codac.scheduler.placement.domain;

import java.util.List;
import java.util.Set;

/**
 * Our placement policy: never beyond a trunk's headroom, away from the routes this number should avoid, toward
 * the routes that connect well for its destination operator, and spread over the fleet.
 *
 * <ol>
 *   <li><b>Usable trunks only</b>: the server is placeable and has a capacity share above 0. None →
 *       {@link NoPlacementReason#NO_LIVE_SERVER}.</li>
 *   <li><b>Avoidance</b>: trunks in {@link PlacementRequest#trunksToAvoid()} (tried by this verification, or failed
 *       for this number recently) are skipped while any other usable trunk exists, even one that is full right
 *       now: calling a number again on the route that just failed it is the worst choice (BRIEF §2), so waiting a
 *       moment for another route beats falling back at once. Only when every usable trunk is to be avoided do they
 *       count again. Likewise a <em>failing</em> route — one whose last seconds' calls show, with 95 % confidence,
 *       that it fails at least {@code failingRate} of them ({@link RouteStats#recentRouteFailureLowerBound}: a few
 *       unlucky calls on a small trunk do not make it failing) — is skipped while any usable trunk not to be
 *       avoided has a route that is not failing: a call there most likely fails and costs the number an attempt,
 *       so the call waits for a slot on a working route. The remaining trunks are the <em>eligible</em> ones.</li>
 *   <li><b>Headroom</b>: a trunk takes a call only while {@link TrunkCandidate#canTakeOneMore()}. Eligible trunks but
 *       none with headroom → {@link NoPlacementReason#CHANNELS_FULL} or {@link NoPlacementReason#CPS_LIMIT}.</li>
 *   <li><b>Route quality</b>: each route's connect rate smoothed toward a prior ({@link RouteStats#connectRate}):
 *       the pooled connect rate of every candidate route to the operator, worth {@code priorWeight} attempts. A
 *       route whose quality is below {@code degradedRatio} × the best eligible route's is <em>degraded</em>: it
 *       takes calls only when no healthier eligible trunk has headroom.</li>
 *   <li><b>Choice</b>: among the healthy trunks with headroom, the highest quality × free fraction
 *       ({@link TrunkCandidate#freeFraction()}) wins: a better route draws more calls, but a filling trunk yields
 *       to an emptier one of nearly the same quality, so load spreads. Ties: the larger free fraction, then the
 *       trunk id. No randomness: the same inputs give the same choice.</li>
 * </ol>
 *
 * <p>Stateless and thread-safe; the loops are written out because this runs for every attempt, under the fleet's lock.
 */
public final class RouteAwarePolicy implements PlacementPolicy {

    /** A prior worth 20 attempts: a route's own record outweighs it after a few dozen calls. */
    public static final double DEFAULT_PRIOR_WEIGHT = 20;
    /** A route connecting less than half as well as the best one is degraded. */
    public static final double DEFAULT_DEGRADED_RATIO = 0.5;
    /** A route whose last seconds' calls show (95 % confidence) that it fails at least half of them is failing. */
    public static final double DEFAULT_FAILING_RATE = 0.5;
    /** The connect rate assumed when no route to the operator was observed at all (every route then scores alike). */
    private static final double NEUTRAL_CONNECT_RATE = 0.5;

    private final double priorWeight;
    private final double degradedRatio;
    private final double failingRate;

    public RouteAwarePolicy() {
        this(DEFAULT_PRIOR_WEIGHT, DEFAULT_DEGRADED_RATIO);
    }

    public RouteAwarePolicy(double priorWeight, double degradedRatio) {
        this(priorWeight, degradedRatio, DEFAULT_FAILING_RATE);
    }

    /**
     * @param priorWeight   how many attempts of evidence the operator-wide prior is worth; positive
     * @param degradedRatio a route below this fraction of the best route's quality is degraded; within 0..1
     *                      (0: no route is ever degraded)
     * @param failingRate   a route whose recent route-failure share reaches this, with 95 % confidence, is failing;
     *                      within (0, 1] ({@code 1}: never)
     */
    public RouteAwarePolicy(double priorWeight, double degradedRatio, double failingRate) {
        if (!(priorWeight > 0) || Double.isInfinite(priorWeight)) {
            throw new IllegalArgumentException("the prior weight must be positive and finite, was " + priorWeight);
        }
        if (!(degradedRatio >= 0 && degradedRatio <= 1)) {
            throw new IllegalArgumentException("the degraded ratio must be within 0..1, was " + degradedRatio);
        }
        if (!(failingRate > 0 && failingRate <= 1)) {
            throw new IllegalArgumentException("the failing rate must be within (0, 1], was " + failingRate);
        }
        this.priorWeight = priorWeight;
        this.degradedRatio = degradedRatio;
        this.failingRate = failingRate;
    }

    @Override
    public PlacementDecision choose(PlacementRequest request, List<TrunkCandidate> candidates) {
        Set<String> avoid = request.trunksToAvoid();
        // the best tier any usable trunk reaches: 0 preferred, 1 failing route, 2 to be avoided (see the class comment)
        int eligibleTier = Integer.MAX_VALUE;
        double pooledAttempts = 0;
        double pooledConnects = 0;
        double pooledFailures = 0;
        for (TrunkCandidate candidate : candidates) {
            if (candidate.usable()) {
                eligibleTier = Math.min(eligibleTier, tier(candidate, avoid));
            }
            pooledAttempts += candidate.route().attempts();
            pooledConnects += candidate.route().connects();
            pooledFailures += candidate.route().routeFailures();
        }
        if (eligibleTier == Integer.MAX_VALUE) {
            return new NoPlacement(NoPlacementReason.NO_LIVE_SERVER);
        }
        RouteStats.Prior prior = pooledAttempts > 0
                ? new RouteStats.Prior(Math.min(1.0, pooledConnects / pooledAttempts),
                        Math.min(1.0, pooledFailures / pooledAttempts), priorWeight)
                : new RouteStats.Prior(NEUTRAL_CONNECT_RATE, 0, priorWeight);

        double[] quality = new double[candidates.size()];
        double bestQuality = 0;
        for (int i = 0; i < candidates.size(); i++) {
            TrunkCandidate candidate = candidates.get(i);
            if (eligible(candidate, avoid, eligibleTier)) {
                quality[i] = candidate.route().connectRate(prior);
                bestQuality = Math.max(bestQuality, quality[i]);
            }
        }
        double degradedBelow = bestQuality * degradedRatio;

        TrunkCandidate bestHealthy = null;
        double bestHealthyScore = -1;
        TrunkCandidate bestDegraded = null;
        double bestDegradedScore = -1;
        for (int i = 0; i < candidates.size(); i++) {
            TrunkCandidate candidate = candidates.get(i);
            if (!eligible(candidate, avoid, eligibleTier) || !candidate.canTakeOneMore()) {
                continue;
            }
            double score = quality[i] * candidate.freeFraction();
            if (quality[i] >= degradedBelow) {
                if (better(candidate, score, bestHealthy, bestHealthyScore)) {
                    bestHealthy = candidate;
                    bestHealthyScore = score;
                }
            } else if (better(candidate, score, bestDegraded, bestDegradedScore)) {
                bestDegraded = candidate;
                bestDegradedScore = score;
            }
        }
        TrunkCandidate chosen = bestHealthy != null ? bestHealthy : bestDegraded;
        if (chosen != null) {
            return new Placement(chosen.trunk(), chosen.server());
        }
        int tier = eligibleTier;
        return new NoPlacement(PlacementPolicy.whyNone(
                candidates.stream().filter(c -> eligible(c, avoid, tier)).toList()));
    }

    /** A usable trunk of the eligible tier or a better one: those below it are skipped while it has members. */
    private boolean eligible(TrunkCandidate candidate, Set<String> avoid, int eligibleTier) {
        return candidate.usable() && tier(candidate, avoid) <= eligibleTier;
    }

    private int tier(TrunkCandidate candidate, Set<String> avoid) {
        if (avoid.contains(candidate.trunk().id())) {
            return 2;
        }
        return candidate.route().recentRouteFailureLowerBound() >= failingRate ? 1 : 0;
    }

    private static boolean better(TrunkCandidate candidate, double score, TrunkCandidate best, double bestScore) {
        if (best == null || score > bestScore) {
            return true;
        }
        if (score < bestScore) {
            return false;
        }
        double free = candidate.freeFraction();
        double bestFree = best.freeFraction();
        if (free != bestFree) {
            return free > bestFree;
        }
        return candidate.trunk().id().compareTo(best.trunk().id()) < 0;
    }
}
