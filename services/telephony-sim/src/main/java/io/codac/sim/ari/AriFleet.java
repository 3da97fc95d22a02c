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
import java.util.Map;
import java.util.function.Function;

/**
 * The ARI side of a simulated fleet: one {@link AriServer} per fleet server, on event loops of their own so
 * that closing the fleet leaves nothing running and never touches a host application's Netty resources.
 * A server can be stopped (it dies: port closed, sockets cut) and started again on the same port.
 */
public final class AriFleet implements AutoCloseable {

    private final LoopResources loops;
    private final TelephoneNetwork network;
    private final Clock clock;
    private final Map<String, Slot> slots;

    private AriFleet(LoopResources loops, TelephoneNetwork network, Clock clock, Map<String, Slot> slots) {
        this.loops = loops;
        this.network = network;
        this.clock = clock;
        this.slots = slots;
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
        var slots = new LinkedHashMap<String, Slot>();
        for (TelephonyServer server : fleet.servers()) {
            slots.put(server.id(), new Slot(server, hubs.get(server.id()), asteriskIds.get(server.id())));
        }
        var ari = new AriFleet(loops, network, clock, slots);
        var started = new ArrayList<Slot>();
        try {
            for (Slot slot : slots.values()) {
                ari.bind(slot);
                started.add(slot);
            }
        } catch (RuntimeException e) {
            started.forEach(slot -> slot.running.close());
            loops.disposeLater().block(Duration.ofSeconds(5));
            throw e;
        }
        return ari;
    }

    /** The servers answering now, by id. */
    public synchronized Map<String, AriServer> servers() {
        var byId = new LinkedHashMap<String, AriServer>();
        slots.forEach((id, slot) -> {
            if (slot.running != null) {
                byId.put(id, slot.running);
            }
        });
        return byId;
    }

    /** Whether the server answers ARI now (it has not been stopped, or has been started again). */
    public synchronized boolean running(String serverId) {
        return slot(serverId).running != null;
    }

    /** Whether {@code app} has an event socket on the server: Asterisk's "registered application". */
    public boolean listening(String serverId, String app) {
        return slot(serverId).hub.registered(app);
    }

    /** The server dies: its port closes and every connection to it is cut. Does nothing if it is already down. */
    public synchronized void stop(String serverId) {
        Slot slot = slot(serverId);
        if (slot.running != null) {
            slot.running.close();
            slot.running = null;
        }
    }

    /** The server comes back on its own port, a freshly started Asterisk. Does nothing if it is running. */
    public synchronized void restart(String serverId) {
        Slot slot = slot(serverId);
        if (slot.running == null) {
            slot.hub.reopen();
            bind(slot);
        }
    }

    /** Closes the server's event WebSockets under their clients; returns how many were open. */
    public int dropEventSockets(String serverId) {
        return slot(serverId).hub.disconnectAll();
    }

    @Override
    public synchronized void close() {
        slots.values().forEach(slot -> {
            if (slot.running != null) {
                slot.running.close();
                slot.running = null;
            }
        });
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(2)).block(Duration.ofSeconds(5));
    }

    private void bind(Slot slot) {
        slot.running = AriServer.start(slot.server, network, slot.hub, loops, clock, slot.asteriskId);
    }

    private Slot slot(String serverId) {
        Slot slot = slots.get(serverId);
        if (slot == null) {
            throw new IllegalArgumentException("unknown server '" + serverId + "'; the fleet has " + slots.keySet());
        }
        return slot;
    }

    private static final class Slot {
        final TelephonyServer server;
        final AriEventHub hub;
        final String asteriskId;
        AriServer running;

        Slot(TelephonyServer server, AriEventHub hub, String asteriskId) {
            this.server = server;
            this.hub = hub;
            this.asteriskId = asteriskId;
        }
    }
}
