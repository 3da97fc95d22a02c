package io.codac.sim.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A channel as the ARI layer shows it, frozen at one moment.
 *
 * @param serverId  the telephony server that owns the channel
 * @param id        the ARI channel id (the caller's chosen id, or one generated Asterisk-style)
 * @param name      Asterisk's channel name, {@code PJSIP/<trunk>-0000002a}
 * @param number    the dialed number (outbound) or the caller's number (inbound), E.164
 * @param trunk     the trunk the call left on, or arrived on
 * @param app       the Stasis application the channel was originated into, or entered
 * @param inStasis  the channel is in the application: an answered outbound call, or an inbound call
 * @param direction who placed the call
 * @param did       for an inbound call, the DID dialed (the channel's {@code dialplan.exten}); else {@code null}
 */
public record ChannelSnapshot(String serverId, String id, String name, ChannelState state, CallerId caller,
                              CallerId connected, String number, String trunk, String app, List<String> appArgs,
                              boolean inStasis, Instant createdAt, Map<String, String> variables,
                              Direction direction, String did) {

    public ChannelSnapshot {
        appArgs = List.copyOf(appArgs);
        variables = Map.copyOf(variables);
        direction = direction == null ? Direction.OUTBOUND : direction;
    }

    /** An outbound channel, as the first version had it. */
    public ChannelSnapshot(String serverId, String id, String name, ChannelState state, CallerId caller,
                           CallerId connected, String number, String trunk, String app, List<String> appArgs,
                           boolean inStasis, Instant createdAt, Map<String, String> variables) {
        this(serverId, id, name, state, caller, connected, number, trunk, app, appArgs, inStasis, createdAt,
                variables, Direction.OUTBOUND, null);
    }
}
