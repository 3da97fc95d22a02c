package io.codac.sim;

import io.codac.sim.ari.AriFleet;
import io.codac.sim.domain.ActiveFaults;
import io.codac.sim.domain.LatencySpike;
import io.codac.sim.domain.RouteFault;
import io.codac.sim.domain.TelephoneNetwork;
import io.codac.sim.domain.TrunkFlap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * The faults of a simulated fleet, switched on and off while it runs (from tests, or through the admin API):
 * degraded routes, flapping trunks, latency spikes, dropped event sockets, and servers that die and come back.
 * Obtain it with {@link SimulatedFleet#faults()}. Thread-safe.
 */
public final class FleetFaults {

    private static final Logger log = LoggerFactory.getLogger(FleetFaults.class);

    private final TelephoneNetwork network;
    private final AriFleet ari;
    private final List<String> serverIds;

    FleetFaults(TelephoneNetwork network, AriFleet ari, List<String> serverIds) {
        this.network = network;
        this.ari = ari;
        this.serverIds = List.copyOf(serverIds);
    }

    /** A route (trunk × destination operator) fails a share of its calls; replaces an earlier fault on that route. */
    public void degradeRoute(RouteFault fault) {
        network.degradeRoute(fault);
        log.info("fault: route {} → {} fails {} of calls with causes {}", fault.trunk(), fault.operator(),
                fault.probability(), fault.causes());
    }

    public boolean clearRoute(String trunk, String operator) {
        return network.clearRouteFault(trunk, operator);
    }

    /** The trunk goes down now for {@code downFor}, then up for {@code upFor}, and so on; {@code upFor} 0 keeps it down. */
    public TrunkFlap flapTrunk(String trunk, Duration downFor, Duration upFor) {
        TrunkFlap flap = network.flapTrunk(trunk, downFor, upFor);
        log.info("fault: trunk {} flaps, down {} / up {}", trunk, downFor, upFor);
        return flap;
    }

    public boolean stopFlapping(String trunk) {
        return network.clearFlap(trunk);
    }

    /** New calls on {@code trunk} ({@code "*"} or {@code null}: every trunk) wait {@code multiplier} times the post-dial delay. */
    public void spikeLatency(String trunk, double multiplier) {
        network.spikeLatency(new LatencySpike(trunk, multiplier));
        log.info("fault: post-dial delay × {} on {}", multiplier, trunk == null ? "every trunk" : trunk);
    }

    public boolean clearLatency(String trunk) {
        return network.clearLatency(trunk);
    }

    /** Closes the server's event WebSockets under their clients (which reconnect); returns how many were open. */
    public int dropEventSockets(String serverId) {
        int dropped = ari.dropEventSockets(serverId);
        log.info("fault: {} event socket(s) of server {} dropped", dropped, serverId);
        return dropped;
    }

    /** Drops the event sockets of every server. */
    public int dropEventSockets() {
        return serverIds.stream().mapToInt(this::dropEventSockets).sum();
    }

    /**
     * The server dies: its live channels vanish without an event, its sockets close, its port stops answering.
     *
     * @return the ids of the channels that vanished
     */
    public List<String> killServer(String serverId) {
        List<String> vanished = network.serverDied(serverId);
        ari.stop(serverId);
        log.info("fault: server {} died, {} live channel(s) vanished", serverId, vanished.size());
        return vanished;
    }

    /** The server comes back on its own port, with no channels. */
    public void restartServer(String serverId) {
        network.serverReturned(serverId);
        try {
            ari.restart(serverId);
        } catch (RuntimeException e) {
            network.serverDied(serverId);
            throw e;
        }
        log.info("server {} is back", serverId);
    }

    /** Clears every fault: routes heal, trunks stay up, latency is normal, dead servers come back. */
    public void clear() {
        network.clearNetworkFaults();
        for (String serverId : network.activeFaults().deadServers()) {
            restartServer(serverId);
        }
        log.info("faults cleared");
    }

    public ActiveFaults active() {
        return network.activeFaults();
    }
}
