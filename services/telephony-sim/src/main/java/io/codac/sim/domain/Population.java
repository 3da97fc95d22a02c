package io.codac.sim.domain;

/**
 * Everyone the network can call. A number's fate is a pure function of the seed and the number (a stable
 * hash mapped onto the cumulative {@link FateShares}), so the same number has the same fate in every run,
 * every process and every test that uses the same seed.
 */
public final class Population {

    private final long seed;
    private final FateShares shares;

    public Population(long seed, FateShares shares) {
        this.seed = seed;
        this.shares = shares;
    }

    public NumberFate fateOf(String number) {
        return shares.pick(StableHash.unit(StableHash.of(seed, "fate", canonical(number))));
    }

    /** {@code +9198...} and {@code 9198...} are the same subscriber. */
    static String canonical(String number) {
        String trimmed = number.trim();
        return trimmed.startsWith("+") ? trimmed : "+" + trimmed;
    }
}
