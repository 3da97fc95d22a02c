package io.codac.adapter.call.domain;

/**
 * What happened to one leg, as the telephony server (or our own timers and requests) tells it. The ARI
 * adapter translates ARI events into these; the machine never sees ARI types.
 */
public sealed interface AriSignal {

    /** The originate request was answered: the channel exists on the server. */
    record OriginateAccepted() implements AriSignal {
    }

    /**
     * The server answered the originate with an HTTP error (4xx/5xx): it refused, no channel was created.
     *
     * @param httpStatus the server's HTTP status
     */
    record OriginateFailed(int httpStatus, String reason) implements AriSignal {
    }

    /**
     * The originate got no HTTP answer (read timeout, connection lost, a gateway's 502/504): the server may
     * still create the channel (a queued request), so nothing is known about the call yet.
     */
    record OriginateOutcomeUnknown(String reason) implements AriSignal {
    }

    /** The far end is ringing: channel state {@code Ringing}, or dial status {@code RINGING}. */
    record FarEndRinging() implements AriSignal {
    }

    /** Early media (183) without ringing: dial status {@code PROGRESS}. */
    record EarlyMedia() implements AriSignal {
    }

    /** The far end answered: channel state {@code Up}, {@code StasisStart}, or dial status {@code ANSWER}. */
    record FarEndAnswered() implements AriSignal {
    }

    /** A final dial status (BUSY, NOANSWER, CANCEL, CONGESTION, CHANUNAVAIL...) reported before the channel went. */
    record DialStatusReported(String dialStatus) implements AriSignal {
    }

    /** The server reports that a hang-up was requested on the channel ({@code ChannelHangupRequest}). */
    record HangUpRequestedOnServer(Integer q850Cause) implements AriSignal {
    }

    /** Our side wants the call cleared now (shutdown, drain, operator). */
    record HangUpNow(HangUpReason reason) implements AriSignal {
    }

    /**
     * The channel is gone ({@code ChannelDestroyed}).
     *
     * @param q850Cause the Q.850 cause, or {@code null} when the server gave none
     * @param sipCode   the final SIP response when the server exposes it, or {@code null}
     */
    record ChannelDestroyed(Integer q850Cause, String causeText, Integer sipCode) implements AriSignal {
    }

    /** The server no longer knows the channel and no {@code ChannelDestroyed} told us how it ended. */
    record ChannelVanished() implements AriSignal {
    }

    /** One of the leg's timers fired. */
    record TimerElapsed(LegTimer timer) implements AriSignal {
    }
}
