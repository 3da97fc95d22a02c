package io.codac.sim.domain;

import java.time.Instant;
import java.util.List;

/**
 * What happened to a channel, in the order the network decided it; each maps onto one ARI event for the
 * channel's application. Published while the network's lock is held, so sinks must not block.
 */
public sealed interface ChannelEvent {

    ChannelSnapshot channel();

    Instant at();

    /** ARI {@code ChannelStateChange}: the channel's state is now {@code channel().state()}. */
    record ChannelStateChanged(ChannelSnapshot channel, Instant at) implements ChannelEvent {
    }

    /**
     * ARI {@code Dial}: progress of dialing the far end. {@code dialStatus} is empty when dialing begins, then
     * RINGING, ANSWER, or a final BUSY, NOANSWER, CONGESTION, CHANUNAVAIL or CANCEL.
     */
    record DialStatusChanged(ChannelSnapshot channel, Instant at, String dialStatus, String dialString)
            implements ChannelEvent {
    }

    /** ARI {@code StasisStart}: the answered channel entered its application. */
    record StasisStarted(ChannelSnapshot channel, Instant at, List<String> args) implements ChannelEvent {
        public StasisStarted {
            args = List.copyOf(args);
        }
    }

    /**
     * ARI {@code ChannelHangupRequest}: someone asked to hang the channel up, with this cause.
     *
     * @param soft the application asked (ARI {@code DELETE}, Asterisk's soft hang-up), not the far end
     */
    record HangupRequested(ChannelSnapshot channel, Instant at, int cause, boolean soft) implements ChannelEvent {
    }

    /** ARI {@code StasisEnd}: the channel left its application. */
    record StasisEnded(ChannelSnapshot channel, Instant at) implements ChannelEvent {
    }

    /**
     * ARI {@code ChannelDestroyed}: the channel is gone.
     *
     * @param sipCode the far end's final SIP response when there was one ({@code tech_cause}), else {@code null}
     */
    record ChannelDestroyed(ChannelSnapshot channel, Instant at, int cause, String causeText, Integer sipCode)
            implements ChannelEvent {
    }
}
