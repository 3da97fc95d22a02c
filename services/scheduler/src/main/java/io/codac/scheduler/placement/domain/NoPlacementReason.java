package io.codac.scheduler.placement.domain;

/**
 * Why nothing could be placed: first the fleet-wide reasons the placement policy gives, from the most to the
 * least fundamental, then the one that belongs to the number itself.
 */
public enum NoPlacementReason {
    /** No server has sent a recent {@code UP} heartbeat: the fleet is down, draining, or not heard from yet. */
    NO_LIVE_SERVER,
    /** Every usable trunk has all its channels in use. */
    CHANNELS_FULL,
    /** Some usable trunk has a free channel, but each of those is at its calls-per-second contract. */
    CPS_LIMIT,
    /**
     * A trunk had room, but the number is already in a live call of another verification (two requests for one
     * number): BRIEF §2 forbids a second live call, so this one waits until that call has ended.
     */
    NUMBER_IN_CALL
}
