package io.codac.sim.ari;

import io.codac.sim.domain.ChannelEvent;
import io.codac.sim.domain.ChannelEventSink;

import java.util.Map;

/** Sends each channel event, as ARI JSON, to the sockets of the channel's application on the channel's server. */
public final class AriEventRouter implements ChannelEventSink {

    private final Map<String, AriEventHub> hubs;
    private final Map<String, String> asteriskIds;

    AriEventRouter(Map<String, AriEventHub> hubs, Map<String, String> asteriskIds) {
        this.hubs = Map.copyOf(hubs);
        this.asteriskIds = Map.copyOf(asteriskIds);
    }

    @Override
    public void publish(ChannelEvent event) {
        String serverId = event.channel().serverId();
        AriEventHub hub = hubs.get(serverId);
        if (hub != null) {
            hub.publish(event.channel().app(), AriJson.event(event, asteriskIds.get(serverId)));
        }
    }
}
