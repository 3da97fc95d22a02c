package io.codac.sim.domain;

/**
 * What the far end does when a number is called. Every number has exactly one fate for a given seed
 * (see {@link Population}), so tests and the demo know each call's outcome before they dial it.
 *
 * <p>The last two fates have no share in the default population ({@link FateShares#defaults()}), so that
 * adding them changed no number's fate; give them a share to use them.
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
    NETWORK_FAILURE_ONCE,
    /**
     * The phone rings, but the destination network signals it only as early media (183, ringback in the media),
     * never as 180, whatever the trunk; unanswered, like {@link #RINGS_NO_ANSWER}.
     */
    EARLY_MEDIA_NO_ANSWER,
    /**
     * The handset is off, and the network says so with a recorded announcement in early media (183): a 183 that is
     * <em>not</em> ringing. After the announcement the call fails with cause 20 (SIP 480).
     */
    ANNOUNCEMENT_SWITCHED_OFF
}
