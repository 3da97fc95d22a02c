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
 * @param number    the dialed number, E.164
 * @param trunk     the trunk the call left on
 * @param app       the Stasis application the channel was originated into
 * @param inStasis  the channel has entered the application (it answered) and not left it
 */
public record ChannelSnapshot(String serverId, String id, String name, ChannelState state, CallerId caller,
                              CallerId connected, String number, String trunk, String app, List<String> appArgs,
                              boolean inStasis, Instant createdAt, Map<String, String> variables) {

    public ChannelSnapshot {
        appArgs = List.copyOf(appArgs);
        variables = Map.copyOf(variables);
    }
}
