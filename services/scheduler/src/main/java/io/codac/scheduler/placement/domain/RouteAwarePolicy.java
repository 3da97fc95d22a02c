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
 *       count again. The remaining trunks are the <em>eligible</em> ones.</li>
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
    /** The connect rate assumed when no route to the operator was observed at all (every route then scores alike). */
    private static final double NEUTRAL_CONNECT_RATE = 0.5;

    private final double priorWeight;
    private final double degradedRatio;

    public RouteAwarePolicy() {
        this(DEFAULT_PRIOR_WEIGHT, DEFAULT_DEGRADED_RATIO);
    }

    /**
     * @param priorWeight   how many attempts of evidence the operator-wide prior is worth; positive
     * @param degradedRatio a route below this fraction of the best route's quality is degraded; within 0..1
     *                      (0: no route is ever degraded)
     */
    public RouteAwarePolicy(double priorWeight, double degradedRatio) {
        if (!(priorWeight > 0) || Double.isInfinite(priorWeight)) {
            throw new IllegalArgumentException("the prior weight must be positive and finite, was " + priorWeight);
        }
        if (!(degradedRatio >= 0 && degradedRatio <= 1)) {
            throw new IllegalArgumentException("the degraded ratio must be within 0..1, was " + degradedRatio);
        }
        this.priorWeight = priorWeight;
        this.degradedRatio = degradedRatio;
    }

    @Override
    public PlacementDecision choose(PlacementRequest request, List<TrunkCandidate> candidates) {
        Set<String> avoid = request.trunksToAvoid();
        int usable = 0;
        int usableNotAvoided = 0;
        double pooledAttempts = 0;
        double pooledConnects = 0;
        double pooledFailures = 0;
        for (TrunkCandidate candidate : candidates) {
            if (candidate.usable()) {
                usable++;
                if (!avoid.contains(candidate.trunk().id())) {
                    usableNotAvoided++;
                }
            }
            pooledAttempts += candidate.route().attempts();
            pooledConnects += candidate.route().connects();
            pooledFailures += candidate.route().routeFailures();
        }
        if (usable == 0) {
            return new NoPlacement(NoPlacementReason.NO_LIVE_SERVER);
        }
        boolean avoidedCountAgain = usableNotAvoided == 0;
        RouteStats.Prior prior = pooledAttempts > 0
                ? new RouteStats.Prior(Math.min(1.0, pooledConnects / pooledAttempts),
                        Math.min(1.0, pooledFailures / pooledAttempts), priorWeight)
                : new RouteStats.Prior(NEUTRAL_CONNECT_RATE, 0, priorWeight);

        double[] quality = new double[candidates.size()];
        double bestQuality = 0;
        for (int i = 0; i < candidates.size(); i++) {
            TrunkCandidate candidate = candidates.get(i);
            if (eligible(candidate, avoid, avoidedCountAgain)) {
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
            if (!eligible(candidate, avoid, avoidedCountAgain) || !candidate.canTakeOneMore()) {
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
        return new NoPlacement(PlacementPolicy.whyNone(
                candidates.stream().filter(c -> eligible(c, avoid, avoidedCountAgain)).toList()));
    }

    private static boolean eligible(TrunkCandidate candidate, Set<String> avoid, boolean avoidedCountAgain) {
        return candidate.usable() && (avoidedCountAgain || !avoid.contains(candidate.trunk().id()));
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
