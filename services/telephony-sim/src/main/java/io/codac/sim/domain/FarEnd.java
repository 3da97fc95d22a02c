package io.codac.sim.domain;

/**
 * What the far end of one particular call does once the post-dial delay is over: the number's fate applied
 * to this attempt (a {@link NumberFate#NETWORK_FAILURE_ONCE} number fails only on its first attempt).
 */
enum FarEnd {
    RINGS_UNANSWERED(0, null, null),
    RINGS_THEN_ANSWERS(0, null, null),
    BUSY(Q850.USER_BUSY, 486, "BUSY"),
    SWITCHED_OFF(Q850.SUBSCRIBER_ABSENT, 480, "CHANUNAVAIL"),
    UNALLOCATED(Q850.UNALLOCATED, 404, "CHANUNAVAIL"),
    NETWORK_FAILURE(Q850.NORMAL_TEMPORARY_FAILURE, 503, "CONGESTION"),
    /** An announcement in early media, then the failure of a switched-off handset. */
    ANNOUNCEMENT(Q850.SUBSCRIBER_ABSENT, 480, "CHANUNAVAIL");

    /** For the failures: the Q.850 cause, the SIP final response, and Asterisk's dial status. */
    final int cause;
    final Integer sipCode;
    final String dialStatus;

    FarEnd(int cause, Integer sipCode, String dialStatus) {
        this.cause = cause;
        this.sipCode = sipCode;
        this.dialStatus = dialStatus;
    }

    boolean rings() {
        return this == RINGS_UNANSWERED || this == RINGS_THEN_ANSWERS;
    }

    CallFailure failure() {
        return new CallFailure(cause, sipCode, dialStatus);
    }
}
