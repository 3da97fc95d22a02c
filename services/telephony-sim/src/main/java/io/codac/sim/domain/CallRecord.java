package io.codac.sim.domain;

import java.time.Instant;

/**
 * The carrier's call detail record of one call attempt. Times are {@code null} for what did not happen.
 *
 * @param cause     the Q.850 cause the call ended with, {@code null} while it is live
 * @param causeText Asterisk's text for the cause
 */
public record CallRecord(String channelId, String number, String trunk, String server, Instant startedAt,
                         Instant ringingAt, Instant answeredAt, Instant endedAt, Integer cause, String causeText) {
}
