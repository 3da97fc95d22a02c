package io.codac.sim.domain;

/**
 * What the far end does when a number is called. Every number has exactly one fate for a given seed
 * (see {@link Population}), so tests and the demo know each call's outcome before they dial it.
 */
public enum NumberFate {

    /** The phone rings until the caller hangs up, or the network gives up (cause 19, no answer). */
    RINGS_NO_ANSWER,
    /** The phone rings, then the shopper answers. */
    ANSWERS,
    /** The line is busy (SIP 486, cause 17); it never rings. */
    BUSY,
    /** The handset is switched off or out of coverage (cause 20); it never rings. */
    SWITCHED_OFF,
    /** The number is not assigned to any subscriber (SIP 404, cause 1); it never rings. */
    UNALLOCATED,
    /** The first call fails in the network before ringing (cause 41); later calls ring and go unanswered. */
    NETWORK_FAILURE_ONCE
}
