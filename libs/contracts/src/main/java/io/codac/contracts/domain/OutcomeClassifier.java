package io.codac.contracts.domain;

/**
 * The one place where a call's end becomes a verdict (BRIEF §4).
 *
 * <p>Order matters: alerting is checked first because Asterisk maps 401/403/407/603 all to cause 21 and
 * 480 to cause 19, so the same cause means "handset reached" after a 180 and "our side or the
 * network refused" before it. Busy proves the line is in service whether or not it rang.
 */
public final class OutcomeClassifier {

    public OutcomeClass classify(CallSignal signal) {
        if (signal.answered() || signal.dialStatusIs("ANSWER")) {
            return OutcomeClass.VERIFIED;
        }
        if (signal.sipIs(486, 600) || signal.causeIs(17) || signal.dialStatusIs("BUSY")) {
            return OutcomeClass.VERIFIED;
        }
        if (signal.alerted()) {
            // A handset rang: whatever followed (our flash hang-up, no answer, 480, 603 decline) proves it.
            return OutcomeClass.VERIFIED;
        }
        return classifyBeforeAlerting(signal);
    }

    private OutcomeClass classifyBeforeAlerting(CallSignal signal) {
        if (signal.sipIs(404, 485, 604, 410, 484) || signal.causeIs(1, 22, 28)) {
            return OutcomeClass.INVALID;
        }
        if (signal.causeIs(2, 3)) {
            return OutcomeClass.SUSPECT_INVALID;
        }
        if (signal.sipIs(401, 403, 407)) {
            return OutcomeClass.OUR_SIDE_REJECTED;
        }
        if (signal.sipIs(408, 480) || signal.causeIs(18, 19, 20, 27)) {
            return OutcomeClass.UNREACHABLE;
        }
        if (signal.causeIs(21)) {
            // Before alerting, cause 21 without a SIP code is almost always 401/403/407: our credentials or contract.
            return OutcomeClass.OUR_SIDE_REJECTED;
        }
        // 503/500/502/504, causes 34/38/41/42/47/58/102, CONGESTION, CHANUNAVAIL, no provisional reply,
        // and anything unrecognised: a strike against the route, retried elsewhere, never a verdict on the number.
        return OutcomeClass.ROUTE_FAILURE;
    }
}
