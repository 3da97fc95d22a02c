package io.codac.sim.domain;

/** A carrier's answer to a new call on a trunk. */
public enum Admission {
    ADMITTED,
    /** More calls started in the last second than the contract's calls per second. */
    OVER_CPS,
    /** As many calls are up as the contract's concurrent channels. */
    OVER_CHANNELS;

    public boolean admitted() {
        return this == ADMITTED;
    }
}
