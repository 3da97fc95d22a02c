package io.codac.adapter.dialing;

import io.codac.adapter.call.domain.HangUpReason;

import java.util.Map;

/**
 * The telephony server as the adapter needs it: originate a channel under our own id, clear it, and say
 * whether we can currently hear its events. What the server reports about channels arrives through
 * {@link ChannelSignals}.
 */
public interface Switchboard {

    /** Originates synchronously; never throws, every failure is an {@link OriginateResult.Failed}. */
    OriginateResult originate(OriginateRequest request);

    /** Asks the server to clear the channel; asynchronous, best effort (the leg's timers cover a lost request). */
    void hangUp(String channelId, HangUpReason reason);

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

        /** No channel was created. {@code httpStatus} is {@code null} when the server did not answer. */
        record Failed(Integer httpStatus, String reason) implements OriginateResult {
        }
    }
}
