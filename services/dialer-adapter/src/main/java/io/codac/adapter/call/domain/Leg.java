package io.codac.adapter.call.domain;

import io.codac.contracts.event.CallLeg;

import java.time.Duration;
import java.time.Instant;

/**
 * One call leg as the machine knows it. Immutable: every transition returns a new {@code Leg}.
 *
 * @param identity              attempt (= ARI channel id), verification, number, trunk, server
 * @param ringTimeout           how long the call may stay unanswered before we clear it
 * @param proceedingAt          when the network said it was proceeding (a 100-class reply), if it did
 * @param hangUpRequested       why we asked the server to clear the call, or {@code null} while we have not
 * @param hangUpConfirmationDue when the latest hang-up we asked for should have been confirmed, or {@code null}
 * @param serverHangUpCause     the cause of a hang-up the server reported as requested, kept in case the
 *                              channel vanishes without a {@code ChannelDestroyed}
 * @param dialStatus            the last final dial status the server reported, or {@code null}
 * @param originateDoubt        why the originate's outcome is unknown (no HTTP answer), or {@code null}
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
        Instant hangUpConfirmationDue,
        Integer serverHangUpCause,
        String dialStatus,
        String originateDoubt) {

    public static Leg originating(CallLeg identity, Duration ringTimeout, Instant at) {
        return new Leg(identity, LegState.ORIGINATING, ringTimeout, at, null, null, null, null, null, null, null, null,
                null, null, null);
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

    /** Whether the server has shown us the channel yet (any event of it, or an answered originate). */
    public boolean channelConfirmed() {
        return state != LegState.ORIGINATING && state != LegState.ORIGINATE_UNKNOWN;
    }

    Leg dialing(Instant at) {
        return in(LegState.DIALING).with(at, proceedingAt, ringingAt, earlyMediaAt, answeredAt, endedAt);
    }

    Leg originateUnknown(String doubt) {
        return new Leg(identity, LegState.ORIGINATE_UNKNOWN, ringTimeout, originatedAt, dialingAt, proceedingAt,
                ringingAt, earlyMediaAt, answeredAt, endedAt, hangUpRequested, hangUpConfirmationDue,
                serverHangUpCause, dialStatus, doubt);
    }

    Leg proceeding(Instant at) {
        return with(dialingAt, at, ringingAt, earlyMediaAt, answeredAt, endedAt);
    }

    Leg ringing(Instant at) {
        return in(LegState.RINGING).with(dialingAt, proceedingAt, at, earlyMediaAt, answeredAt, endedAt);
    }

    Leg earlyMedia(Instant at) {
        return in(LegState.EARLY_MEDIA).with(dialingAt, proceedingAt, ringingAt, at, answeredAt, endedAt);
    }

    Leg answered(Instant at) {
        return in(LegState.ANSWERED).with(dialingAt, proceedingAt, ringingAt, earlyMediaAt, at, endedAt);
    }

    Leg ended(Instant at) {
        return in(LegState.ENDED).with(dialingAt, proceedingAt, ringingAt, earlyMediaAt, answeredAt, at);
    }

    Leg withHangUpRequested(HangUpReason reason) {
        return new Leg(identity, state, ringTimeout, originatedAt, dialingAt, proceedingAt, ringingAt, earlyMediaAt,
                answeredAt, endedAt, reason, hangUpConfirmationDue, serverHangUpCause, dialStatus, originateDoubt);
    }

    Leg withHangUpConfirmationDue(Instant due) {
        return new Leg(identity, state, ringTimeout, originatedAt, dialingAt, proceedingAt, ringingAt, earlyMediaAt,
                answeredAt, endedAt, hangUpRequested, due, serverHangUpCause, dialStatus, originateDoubt);
    }

    Leg withServerHangUpCause(Integer cause) {
        return new Leg(identity, state, ringTimeout, originatedAt, dialingAt, proceedingAt, ringingAt, earlyMediaAt,
                answeredAt, endedAt, hangUpRequested, hangUpConfirmationDue, cause, dialStatus, originateDoubt);
    }

    Leg withDialStatus(String status) {
        return new Leg(identity, state, ringTimeout, originatedAt, dialingAt, proceedingAt, ringingAt, earlyMediaAt,
                answeredAt, endedAt, hangUpRequested, hangUpConfirmationDue, serverHangUpCause, status, originateDoubt);
    }

    private Leg in(LegState next) {
        return new Leg(identity, next, ringTimeout, originatedAt, dialingAt, proceedingAt, ringingAt, earlyMediaAt,
                answeredAt, endedAt, hangUpRequested, hangUpConfirmationDue, serverHangUpCause, dialStatus,
                originateDoubt);
    }

    private Leg with(Instant dialing, Instant proceeding, Instant ringing, Instant earlyMedia, Instant answered,
                     Instant ended) {
        return new Leg(identity, state, ringTimeout, originatedAt, dialing, proceeding, ringing, earlyMedia, answered,
                ended, hangUpRequested, hangUpConfirmationDue, serverHangUpCause, dialStatus, originateDoubt);
    }
}
