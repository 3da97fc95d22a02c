package io.codac.sim.domain;

import java.time.Instant;

/**
 * The carrier's call detail record of one call attempt, in scenario time. Times are {@code null} for what did
 * not happen.
 *
 * @param number       the number called (outbound) or calling (inbound), E.164
 * @param ringingAt    when the handset began to alert, however the network signalled it (180, or a 183 on an
 *                     early-media-only network)
 * @param cause        the Q.850 cause the call ended with, {@code null} while it is live
 * @param causeText    Asterisk's text for the cause
 * @param direction    {@code OUTBOUND} (a flash call) or {@code INBOUND} (a shopper's missed call)
 * @param did          for an inbound call, the DID dialed; {@code null} for outbound calls
 * @param operator     the operator holding the number's series (libphonenumber), {@code ""} when unknown
 * @param earlyMediaAt when the network sent 183 Session Progress (ringback or an announcement), if it did
 * @param sipCode      the final SIP response behind the cause, when there was one
 */
public record CallRecord(String channelId, String number, String trunk, String server, Instant startedAt,
                         Instant ringingAt, Instant answeredAt, Instant endedAt, Integer cause, String causeText,
                         Direction direction, String did, String operator, Instant earlyMediaAt, Integer sipCode) {

    /** A record of the first version: an outbound call, without operator, early media or SIP code. */
    public CallRecord(String channelId, String number, String trunk, String server, Instant startedAt,
                      Instant ringingAt, Instant answeredAt, Instant endedAt, Integer cause, String causeText) {
        this(channelId, number, trunk, server, startedAt, ringingAt, answeredAt, endedAt, cause, causeText,
                Direction.OUTBOUND, null, "", null, null);
    }
}
