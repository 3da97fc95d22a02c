package io.codac.adapter.dialing;

import io.codac.adapter.call.domain.HangUpReason;

import java.util.Map;

/**
 * The telephony server as the adapter needs it: originate a channel under our own id, clear it, and say
 * whether we can currently hear its events. What the server reports about channels arrives through
 * {@link ChannelSignals}.
 */
public interface Switchboard {

    /**
     * Originates synchronously; never throws. Says only what the server answered: a refusal is an
     * {@link OriginateResult.Refused}, no answer at all an {@link OriginateResult.OutcomeUnknown}; what to do
     * about either is the call-leg machine's decision.
     */
    OriginateResult originate(OriginateRequest request);

    /** Asks the server to clear the channel; asynchronous, best effort (the leg's timers cover a lost request). */
    void hangUp(String channelId, HangUpReason reason);

    /**
     * Refuses a call that arrived on the server (a shopper's missed call) with a hang-up reason the server
     * understands ({@code busy}); asynchronous, best effort.
     */
    void reject(String channelId, String reason);

    /**
     * The server's live channels, id → state ({@code GET /ari/channels}), or empty when the server did not
     * answer; synchronous, never on an event-loop thread.
     */
    java.util.Optional<Map<String, String>> liveChannels();

    /** True while the event stream is connected: without it we would dial blind. */
    boolean isConnected();

    /**
     * @param channelId        our attempt id, used as the server's channel id
     * @param endpoint         e.g. {@code PJSIP/+33612345678@trunk-a}
     * @param app              the Stasis application that receives the channel's events
     * @param timeoutSeconds   the server gives up ringing after this long
     */
    record OriginateRequest(String channelId, String endpoint, String app, String callerId, int timeoutSeconds,
                            Map<String, String> variables) {

        public OriginateRequest {
            variables = Map.copyOf(variables);
        }
    }

    sealed interface OriginateResult {

        /** The server created the channel. */
        record Accepted() implements OriginateResult {
        }

        /** A channel with this id already exists on the server: it is this attempt's, already dialing. */
        record AlreadyExists() implements OriginateResult {
        }

        /** The server answered with an HTTP error (4xx/5xx): it refused, no channel was created. */
        record Refused(int httpStatus, String reason) implements OriginateResult {
        }

        /**
         * No answer from the server (timeout, connection lost, a gateway's 502/504): the request may have
         * reached it, and a queued originate may still create the channel.
         */
        record OutcomeUnknown(String reason) implements OriginateResult {
        }
    }
}
