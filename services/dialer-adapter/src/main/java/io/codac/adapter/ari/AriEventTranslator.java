package io.codac.adapter.ari;

import ch.loway.oss.ari4java.generated.models.Channel;
import ch.loway.oss.ari4java.generated.models.ChannelDestroyed;
import ch.loway.oss.ari4java.generated.models.ChannelHangupRequest;
import ch.loway.oss.ari4java.generated.models.ChannelStateChange;
import ch.loway.oss.ari4java.generated.models.Dial;
import ch.loway.oss.ari4java.generated.models.Message;
import ch.loway.oss.ari4java.generated.models.StasisStart;
import io.codac.adapter.call.domain.AriSignal;
import io.codac.adapter.call.domain.InboundCalls;

import java.util.List;
import java.util.Optional;

/**
 * Reads ARI events as the call-leg machine's signals. What Asterisk tells an application about an
 * originated channel, and what it means for a flash call:
 *
 * <ul>
 *   <li>{@code ChannelStateChange} to {@code Ringing} — the far end sent 180: the phone rings;
 *       to {@code Up} — it answered; to {@code Busy} — it is busy;</li>
 *   <li>{@code StasisStart} — an originated channel enters our application when it is answered; a
 *       shopper's call to a DID enters it at once (state {@code Ring}) with the arguments
 *       {@code inbound,<did>}: that one is no leg of ours, see {@link #inbound(Message)};</li>
 *   <li>{@code Dial} with a {@code dialstatus} — RINGING, PROGRESS (183 early media), PROCEEDING,
 *       ANSWER, or a final BUSY/NOANSWER/CANCEL/CONGESTION/CHANUNAVAIL;</li>
 *   <li>{@code ChannelHangupRequest} — someone asked to clear the channel, with a cause;</li>
 *   <li>{@code ChannelDestroyed} — the channel is gone, with its Q.850 {@code cause} and {@code cause_txt}.</li>
 * </ul>
 * Everything else ({@code StasisEnd}, variable changes, ...) says nothing the leg needs.
 */
public final class AriEventTranslator {

    /** A signal for one channel. */
    public record ChannelSignal(String channelId, AriSignal signal) {
    }

    /** A shopper's call to one of our DIDs, as the server presented it. */
    public record InboundArrival(String channelId, String callerNumber, String did) {
    }

    public Optional<ChannelSignal> translate(Message message) {
        return switch (message) {
            case ChannelStateChange change -> stateChange(change.getChannel());
            case StasisStart start when InboundCalls.isInbound(start.getArgs()) -> Optional.empty();
            case StasisStart start -> forChannel(start.getChannel(), new AriSignal.FarEndAnswered());
            case Dial dial -> dial(dial);
            case ChannelHangupRequest request ->
                    forChannel(request.getChannel(), new AriSignal.HangUpRequestedOnServer(request.getCause()));
            case ChannelDestroyed destroyed -> forChannel(destroyed.getChannel(),
                    new AriSignal.ChannelDestroyed(destroyed.getCause(), destroyed.getCause_txt(), null));
            case null, default -> Optional.empty();
        };
    }

    /** The inbound call a {@code StasisStart} announces, if it announces one. */
    public Optional<InboundArrival> inbound(Message message) {
        if (!(message instanceof StasisStart start) || !InboundCalls.isInbound(start.getArgs())) {
            return Optional.empty();
        }
        Channel channel = start.getChannel();
        if (channel == null || channel.getId() == null || channel.getId().isBlank()) {
            return Optional.empty();
        }
        List<String> args = start.getArgs();
        String did = args.size() > 1 && args.get(1) != null && !args.get(1).isBlank() ? args.get(1).trim()
                : channel.getDialplan() != null ? channel.getDialplan().getExten() : null;
        String caller = channel.getCaller() != null ? channel.getCaller().getNumber() : null;
        return Optional.of(new InboundArrival(channel.getId(), caller, did));
    }

    private Optional<ChannelSignal> stateChange(Channel channel) {
        if (channel == null || channel.getState() == null) {
            return Optional.empty();
        }
        return switch (channel.getState()) {
            case "Ringing" -> forChannel(channel, new AriSignal.FarEndRinging());
            case "Up" -> forChannel(channel, new AriSignal.FarEndAnswered());
            case "Busy" -> forChannel(channel, new AriSignal.DialStatusReported("BUSY"));
            default -> Optional.empty();
        };
    }

    private Optional<ChannelSignal> dial(Dial dial) {
        // For an originate the dialed channel is the peer; a dial from a bridged caller names it the same way.
        Channel channel = dial.getPeer() != null ? dial.getPeer() : dial.getCaller();
        if (dial.getDialstatus() == null || dial.getDialstatus().isBlank()) {
            return Optional.empty();
        }
        return forChannel(channel, new AriSignal.DialStatusReported(dial.getDialstatus()));
    }

    private static Optional<ChannelSignal> forChannel(Channel channel, AriSignal signal) {
        if (channel == null || channel.getId() == null || channel.getId().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new ChannelSignal(channel.getId(), signal));
    }
}
