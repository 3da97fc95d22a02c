package io.codac.adapter.call.domain;

import io.codac.contracts.event.CallLeg;

import java.time.Duration;
import java.time.Instant;

/**
 * One call leg as the machine knows it. Immutable: every transition returns a new {@code Leg}.
 *
 * @param identity          attempt (= ARI channel id), verification, number, trunk, server
 * @param ringTimeout       how long the call may stay unanswered before we clear it
 * @param proceedingAt      when the network said it was proceeding (a 100-class reply), if it did
 * @param hangUpRequested   why we asked the server to clear the call, or {@code null} while we have not
 * @param serverHangUpCause the cause of a hang-up the server reported as requested, kept in case the
 *                          channel vanishes without a {@code ChannelDestroyed}
 * @param dialStatus        the last final dial status the server reported, or {@code null}
 */
public record Leg(
        CallLeg identity,
        LegState state,
        Duration ringTimeout,
        Instant originatedAt,
        Instant dialingAt,
        Instant proceedingAt,
        Instant ringingAt,
        Instant earlyMediaAt,
        Instant answeredAt,
        Instant endedAt,
        HangUpReason hangUpRequested,
        Integer serverHangUpCause,
        String dialStatus) {

    public static Leg originating(CallLeg identity, Duration ringTimeout, Instant at) {
        return new Leg(identity, LegState.ORIGINATING, ringTimeout, at, null, null, null, null, null, null, null, null,
                null);
    }

    public String attemptId() {
        return identity.attemptId();
    }

    /** The phone rang (a 180): what proves a handset exists. */
    public boolean alerted() {
        return ringingAt != null;
    }

    public boolean answered() {
        return answeredAt != null;
    }

    /** Any provisional reply (proceeding, ringing, early media) or an answer; none at all points at the route. */
    public boolean heardFromNetwork() {
        return proceedingAt != null || ringingAt != null || earlyMediaAt != null || answeredAt != null;
    }

    public boolean hungUpByUs() {
        return hangUpRequested != null;
    }

    Leg dialing(Instant at) {
        return new Leg(identity, LegState.DIALING, ringTimeout, originatedAt, at, proceedingAt, ringingAt, earlyMediaAt,
                answeredAt, endedAt, hangUpRequested, serverHangUpCause, dialStatus);
    }

    Leg proceeding(Instant at) {
        return new Leg(identity, state, ringTimeout, originatedAt, dialingAt, at, ringingAt, earlyMediaAt,
                answeredAt, endedAt, hangUpRequested, serverHangUpCause, dialStatus);
    }

    Leg ringing(Instant at) {
        return new Leg(identity, LegState.RINGING, ringTimeout, originatedAt, dialingAt, proceedingAt, at, earlyMediaAt,
                answeredAt, endedAt, hangUpRequested, serverHangUpCause, dialStatus);
    }

    Leg earlyMedia(Instant at) {
        return new Leg(identity, LegState.EARLY_MEDIA, ringTimeout, originatedAt, dialingAt, proceedingAt, ringingAt, at,
                answeredAt, endedAt, hangUpRequested, serverHangUpCause, dialStatus);
    }

    Leg answered(Instant at) {
        return new Leg(identity, LegState.ANSWERED, ringTimeout, originatedAt, dialingAt, proceedingAt, ringingAt,
                earlyMediaAt, at, endedAt, hangUpRequested, serverHangUpCause, dialStatus);
    }

    Leg ended(Instant at) {
        return new Leg(identity, LegState.ENDED, ringTimeout, originatedAt, dialingAt, proceedingAt, ringingAt,
                earlyMediaAt, answeredAt, at, hangUpRequested, serverHangUpCause, dialStatus);
    }

    Leg withHangUpRequested(HangUpReason reason) {
        return new Leg(identity, state, ringTimeout, originatedAt, dialingAt, proceedingAt, ringingAt, earlyMediaAt,
                answeredAt, endedAt, reason, serverHangUpCause, dialStatus);
    }

    Leg withServerHangUpCause(Integer cause) {
        return new Leg(identity, state, ringTimeout, originatedAt, dialingAt, proceedingAt, ringingAt, earlyMediaAt,
                answeredAt, endedAt, hangUpRequested, cause, dialStatus);
    }

    Leg withDialStatus(String status) {
        return new Leg(identity, state, ringTimeout, originatedAt, dialingAt, proceedingAt, ringingAt, earlyMediaAt,
                answeredAt, endedAt, hangUpRequested, serverHangUpCause, status);
    }
}
