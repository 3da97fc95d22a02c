package io.codac.sim.domain;

/**
 * How a call that never reached a handset ends, as Asterisk reports it.
 *
 * @param cause      the Q.850 cause of {@code ChannelDestroyed}
 * @param sipCode    the final SIP response behind it, {@code null} when there was none
 * @param dialStatus the final {@code Dial} status: CONGESTION, CHANUNAVAIL, BUSY, ...
 */
record CallFailure(int cause, Integer sipCode, String dialStatus) {

    /** The failure a route or carrier fault produces for a Q.850 cause, with the SIP code carriers send for it. */
    static CallFailure ofRouteCause(int cause) {
        return new CallFailure(cause, Q850.sipCodeOf(cause), cause == Q850.NETWORK_OUT_OF_ORDER ? "CHANUNAVAIL" : "CONGESTION");
    }
}
