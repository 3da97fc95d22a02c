package io.codac.sim.domain;

import java.util.Map;

/** The Q.850 hang-up causes the simulator produces, with Asterisk's texts for them ({@code ast_cause2str}). */
public final class Q850 {

    public static final int UNALLOCATED = 1;
    public static final int NORMAL_CLEARING = 16;
    public static final int USER_BUSY = 17;
    public static final int NO_USER_RESPONSE = 18;
    public static final int NO_ANSWER = 19;
    public static final int SUBSCRIBER_ABSENT = 20;
    public static final int CALL_REJECTED = 21;
    public static final int NORMAL_CIRCUIT_CONGESTION = 34;
    public static final int NETWORK_OUT_OF_ORDER = 38;
    public static final int NORMAL_TEMPORARY_FAILURE = 41;
    public static final int SWITCH_CONGESTION = 42;
    public static final int RESOURCE_UNAVAILABLE = 47;
    public static final int RECOVERY_ON_TIMER_EXPIRE = 102;

    private static final Map<Integer, String> TEXTS = Map.ofEntries(
            Map.entry(0, "Unknown"),
            Map.entry(UNALLOCATED, "Unallocated (unassigned) number"),
            Map.entry(2, "No route to specified transmit network"),
            Map.entry(3, "No route to destination"),
            Map.entry(NORMAL_CLEARING, "Normal Clearing"),
            Map.entry(USER_BUSY, "User busy"),
            Map.entry(NO_USER_RESPONSE, "No user responding"),
            Map.entry(NO_ANSWER, "User alerting, no answer"),
            Map.entry(SUBSCRIBER_ABSENT, "Subscriber absent"),
            Map.entry(CALL_REJECTED, "Call Rejected"),
            Map.entry(22, "Number changed"),
            Map.entry(26, "Answered elsewhere"),
            Map.entry(27, "Destination out of order"),
            Map.entry(28, "Invalid number format"),
            Map.entry(31, "Normal, unspecified"),
            Map.entry(NORMAL_CIRCUIT_CONGESTION, "Circuit/channel congestion"),
            Map.entry(NETWORK_OUT_OF_ORDER, "Network out of order"),
            Map.entry(NORMAL_TEMPORARY_FAILURE, "Temporary failure"),
            Map.entry(SWITCH_CONGESTION, "Switching equipment congestion"),
            Map.entry(RESOURCE_UNAVAILABLE, "Resource unavailable, unspecified"),
            Map.entry(58, "Bearer capability not available"),
            Map.entry(RECOVERY_ON_TIMER_EXPIRE, "Recovery on timer expiry"),
            Map.entry(127, "Interworking, unspecified"));

    /**
     * The SIP final response a carrier sends with each cause (RFC 3398 and Asterisk's {@code hangup_sip2cause},
     * read backwards); 41 and 42 arrive as a 503 carrying a {@code Reason: Q.850;cause=..} header.
     */
    private static final Map<Integer, Integer> SIP_CODES = Map.ofEntries(
            Map.entry(UNALLOCATED, 404),
            Map.entry(USER_BUSY, 486),
            Map.entry(NO_USER_RESPONSE, 408),
            Map.entry(NO_ANSWER, 480),
            Map.entry(SUBSCRIBER_ABSENT, 480),
            Map.entry(CALL_REJECTED, 603),
            Map.entry(22, 410),
            Map.entry(28, 484),
            Map.entry(NORMAL_CIRCUIT_CONGESTION, 503),
            Map.entry(NETWORK_OUT_OF_ORDER, 500),
            Map.entry(NORMAL_TEMPORARY_FAILURE, 503),
            Map.entry(SWITCH_CONGESTION, 503),
            Map.entry(RESOURCE_UNAVAILABLE, 503),
            Map.entry(58, 488),
            Map.entry(RECOVERY_ON_TIMER_EXPIRE, 504));

    private Q850() {
    }

    /** The SIP response behind a cause, {@code null} when none is usual (16, normal clearing, say). */
    public static Integer sipCodeOf(int cause) {
        return SIP_CODES.get(cause);
    }

    public static String text(int cause) {
        return TEXTS.getOrDefault(cause, "Unknown");
    }
}
