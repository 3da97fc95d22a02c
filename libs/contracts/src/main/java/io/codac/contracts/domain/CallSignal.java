package io.codac.contracts.domain;

/**
 * What the telephony server told us about one call leg when it ended.
 *
 * <p>{@code alerted} is true once the far end rang (SIP 180, or 183 confirmed as ringing): carriers map
 * SIP responses to Q.850 causes ambiguously, so alerting, not the cause, is what proves a handset exists.
 *
 * @param alerted     the phone rang before the call ended
 * @param answered    the far end answered (SIP 200)
 * @param hungUpByUs  we cleared the call (flash-call hang-up or ring timeout)
 * @param provisional any provisional reply (100/180/183) arrived; none at all points at the route
 * @param q850Cause   the Q.850 hang-up cause, or {@code null} when unknown
 * @param sipCode     the final SIP response code when the server exposes it, or {@code null}
 * @param dialStatus  Asterisk's dial status (ANSWER, BUSY, NOANSWER, CONGESTION, CHANUNAVAIL, CANCEL) or {@code null}
 */
public record CallSignal(
        boolean alerted,
        boolean answered,
        boolean hungUpByUs,
        boolean provisional,
        Integer q850Cause,
        Integer sipCode,
        String dialStatus) {

    public static CallSignal flashHangUpAfterRinging() {
        return new CallSignal(true, false, true, true, 16, null, "CANCEL");
    }

    public static CallSignal failedBeforeAlerting(Integer q850Cause, Integer sipCode) {
        return new CallSignal(false, false, false, true, q850Cause, sipCode, null);
    }

    public boolean causeIs(int... causes) {
        if (q850Cause == null) {
            return false;
        }
        for (int cause : causes) {
            if (q850Cause == cause) {
                return true;
            }
        }
        return false;
    }

    public boolean sipIs(int... codes) {
        if (sipCode == null) {
            return false;
        }
        for (int code : codes) {
            if (sipCode == code) {
                return true;
            }
        }
        return false;
    }

    public boolean dialStatusIs(String... statuses) {
        if (dialStatus == null) {
            return false;
        }
        for (String status : statuses) {
            if (dialStatus.equalsIgnoreCase(status)) {
                return true;
            }
        }
        return false;
    }
}
