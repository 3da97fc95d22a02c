package io.codac.sim.domain;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * The share of the population that has each {@link NumberFate}. Weights need not sum to one: each fate
 * gets {@code weight / total}. A fate with weight zero never occurs.
 */
public record FateShares(Map<NumberFate, Double> weights) {

    public FateShares {
        var copy = new EnumMap<NumberFate, Double>(NumberFate.class);
        if (weights != null) {
            weights.forEach((fate, weight) -> {
                if (fate == null || weight == null || weight.isNaN() || weight < 0 || weight.isInfinite()) {
                    throw new IllegalArgumentException("fate share " + fate + " must be a finite number >= 0, was " + weight);
                }
                copy.put(fate, weight);
            });
        }
        if (copy.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw new IllegalArgumentException("at least one fate needs a share above zero");
        }
        weights = Collections.unmodifiableMap(copy);
    }

    /**
     * The documented default population (docs/telephony-sim.md): most numbers ring and are not answered,
     * because that is what a flash call expects; the rest covers every other outcome.
     */
    public static FateShares defaults() {
        var w = new EnumMap<NumberFate, Double>(NumberFate.class);
        w.put(NumberFate.RINGS_NO_ANSWER, 0.55);
        w.put(NumberFate.ANSWERS, 0.15);
        w.put(NumberFate.BUSY, 0.05);
        w.put(NumberFate.SWITCHED_OFF, 0.10);
        w.put(NumberFate.UNALLOCATED, 0.10);
        w.put(NumberFate.NETWORK_FAILURE_ONCE, 0.05);
        return new FateShares(w);
    }

    /** Every number has the same fate. */
    public static FateShares only(NumberFate fate) {
        return new FateShares(Map.of(fate, 1.0));
    }

    public FateShares with(NumberFate fate, double weight) {
        var w = new EnumMap<NumberFate, Double>(NumberFate.class);
        w.putAll(weights);
        w.put(fate, weight);
        return new FateShares(w);
    }

    public double share(NumberFate fate) {
        return weights.getOrDefault(fate, 0.0) / total();
    }

    /** The fate at position {@code u} in [0, 1) of the cumulative distribution, fates in declaration order. */
    NumberFate pick(double u) {
        double target = u * total();
        double cumulative = 0;
        NumberFate last = null;
        for (NumberFate fate : NumberFate.values()) {
            double weight = weights.getOrDefault(fate, 0.0);
            if (weight <= 0) {
                continue;
            }
            cumulative += weight;
            last = fate;
            if (target < cumulative) {
                return fate;
            }
        }
        return last; // rounding at the very top of the range
    }

    private double total() {
        return weights.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
