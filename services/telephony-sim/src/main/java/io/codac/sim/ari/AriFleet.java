package io.codac.sim.ari;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.sim.domain.ChannelEventSink;
import io.codac.sim.domain.TelephoneNetwork;
import reactor.netty.resources.LoopResources;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The ARI side of a simulated fleet: one {@link AriServer} per fleet server, on event loops of their own so
 * that closing the fleet leaves nothing running and never touches a host application's Netty resources.
 */
public final class AriFleet implements AutoCloseable {

    private final LoopResources loops;
    private final List<AriServer> servers;

    private AriFleet(LoopResources loops, List<AriServer> servers) {
        this.loops = loops;
        this.servers = servers;
    }

    /**
     * Builds the network with a sink that feeds the servers' event sockets, then binds every server.
     *
     * @param networkFactory builds the network around the event sink this fleet provides
     */
    public static AriFleet start(Fleet fleet, Clock clock, Function<ChannelEventSink, TelephoneNetwork> networkFactory) {
        var hubs = new LinkedHashMap<String, AriEventHub>();
        var asteriskIds = new LinkedHashMap<String, String>();
        int index = 0;
        for (TelephonyServer server : fleet.servers()) {
            hubs.put(server.id(), new AriEventHub());
            asteriskIds.put(server.id(), String.format("02:00:00:00:%02x:%02x", (index >> 8) & 0xff, index & 0xff));
            index++;
        }
        TelephoneNetwork network = networkFactory.apply(new AriEventRouter(hubs, asteriskIds));
        LoopResources loops = LoopResources.create("codac-sim-ari", 1, 2, true);
        var started = new ArrayList<AriServer>();
        try {
            for (TelephonyServer server : fleet.servers()) {
                started.add(AriServer.start(server, network, hubs.get(server.id()), loops, clock,
                        asteriskIds.get(server.id())));
            }
        } catch (RuntimeException e) {
            started.forEach(AriServer::close);
            loops.disposeLater().block(Duration.ofSeconds(5));
            throw e;
        }
        return new AriFleet(loops, List.copyOf(started));
    }

    public Map<String, AriServer> servers() {
        var byId = new LinkedHashMap<String, AriServer>();
        servers.forEach(s -> byId.put(s.serverId(), s));
        return byId;
    }

    @Override
    public void close() {
        servers.forEach(AriServer::close);
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
    }
}
