package io.codac.adapter.call.domain;

import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.CallLeg;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Shoppers' missed calls to the fleet's DIDs.
 *
 * <p>Both directions enter our Stasis application with a {@code StasisStart}, so it is the application
 * arguments, not the event, that say which one a channel is: the dialplan of a DID starts the application
 * with {@code inbound,<did>}, while an originated leg enters it only once answered. An inbound call is not
 * an attempt and never goes through the call-leg machine: it is reported once as {@code INBOUND_CALL}
 * (keyed by the caller's number, so the scheduler instance following that number sees it) and rejected at
 * once as busy, so the shopper's call is never connected and costs nothing.
 */
public final class InboundCalls {

    /** The first Stasis argument of a DID's dialplan. */
    public static final String INBOUND_ARGUMENT = "inbound";

    /** How the call is refused: busy (Q.850 cause 17), the network's cheapest "not now". */
    public static final String REJECT_REASON = "busy";

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private final Clock clock;
    private final String serverId;

    public InboundCalls(Clock clock, String serverId) {
        this.clock = clock;
        this.serverId = serverId;
    }

    /** Whether a channel entered the application as an inbound call (its Stasis arguments start with "inbound"). */
    public static boolean isInbound(List<String> stasisArguments) {
        return stasisArguments != null && !stasisArguments.isEmpty() && stasisArguments.getFirst() != null
                && INBOUND_ARGUMENT.equals(stasisArguments.getFirst().trim().toLowerCase(Locale.ROOT));
    }

    /**
     * What to do about a call that just arrived: it is always rejected; it is reported when both numbers
     * are usable (a withheld or malformed caller number cannot be matched to a verification).
     *
     * @param channelId    the server's channel id of the inbound call
     * @param callerNumber the caller's number as the network presented it
     * @param did          the DID that was called (the second Stasis argument, or the dialplan extension)
     */
    public Arrival arrived(String channelId, String callerNumber, String did) {
        Optional<String> caller = e164(callerNumber);
        Optional<String> calledDid = e164(did);
        if (caller.isEmpty()) {
            return new Arrival(channelId, Optional.empty(), "caller number withheld or not a phone number");
        }
        if (calledDid.isEmpty()) {
            return new Arrival(channelId, Optional.empty(), "called DID missing or not a phone number");
        }
        CallLeg leg = new CallLeg(null, null, caller.get(), null, serverId);
        CallEvent event = new CallEvent(eventId(channelId), clock.instant(), CallEventType.INBOUND_CALL, leg, null,
                null, calledDid.get());
        return new Arrival(channelId, Optional.of(event), null);
    }

    /** One id per inbound channel, so a report published twice is dropped by its consumers. */
    public static String eventId(String channelId) {
        return "inbound:" + channelId;
    }

    /**
     * A number in E.164, as networks present it: with or without the '+', or with the international
     * prefix 00; separators are ignored. Anything else (anonymous, a national number) is not one.
     */
    static Optional<String> e164(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        String digits = presented.replaceAll("[\\s().-]", "");
        if (digits.startsWith("00")) {
            digits = "+" + digits.substring(2);
        } else if (!digits.startsWith("+")) {
            digits = "+" + digits;
        }
        return E164.matcher(digits).matches() ? Optional.of(digits) : Optional.empty();
    }

    /**
     * The decision for one inbound call: reject it (always), and publish {@code report} when present.
     *
     * @param notReported why nothing is reported, or {@code null} when it is
     */
    public record Arrival(String channelId, Optional<CallEvent> report, String notReported) {
    }
}
