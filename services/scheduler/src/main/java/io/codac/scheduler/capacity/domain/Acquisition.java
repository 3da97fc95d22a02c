package io.codac.scheduler.capacity.domain;

/** The answer of {@link CapacityLedger#tryAcquire}. */
public enum Acquisition {
    /** The attempt now holds a channel and was counted in the trunk's CPS window. */
    GRANTED,
    /** The attempt already held a channel of this trunk: nothing more was taken. */
    HELD,
    /** Every channel of the trunk is held. */
    CHANNELS_FULL,
    /** A channel is free, but the trunk already started its contracted calls in the last second. */
    CPS_LIMIT;

    public boolean holds() {
        return this == GRANTED || this == HELD;
    }
}
