package io.codac.scheduler.placement.domain;

/** Why nothing could be placed, from the most to the least fundamental. */
public enum NoPlacementReason {
    /** No server has sent a recent {@code UP} heartbeat: the fleet is down, draining, or not heard from yet. */
    NO_LIVE_SERVER,
    /** Every usable trunk has all its channels in use. */
    CHANNELS_FULL,
    /** Some usable trunk has a free channel, but each of those is at its calls-per-second contract. */
    CPS_LIMIT
}
