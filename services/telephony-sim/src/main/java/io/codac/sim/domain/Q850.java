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
            Map.entry(58, "Bearer capability not available"),
            Map.entry(127, "Interworking, unspecified"));

    private Q850() {
    }

    public static String text(int cause) {
        return TEXTS.getOrDefault(cause, "Unknown");
    }
}
