package io.codac.scheduler.fleet.domain;

import io.codac.contracts.event.ServerState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each server's liveness, judged from its heartbeats alone.
 *
 * <p>A heartbeat counts at its own time capped at now (a clock running ahead cannot buy a server extra life), and
 * one no newer than the last accepted changes nothing (late, replayed or duplicated heartbeats). The condition is
 * then a function of the last accepted heartbeat's age: older than dead-after → {@link ServerCondition#DEAD},
 * older than suspect-after → {@link ServerCondition#SUSPECT}, otherwise what the heartbeat said.
 *
 * <p>A <em>death</em> is an episode: it starts when the server is seen silent past dead-after (when
 * {@link #transitions} looks, or when the next heartbeat shows a gap that long) and ends with the first fresh
 * {@code UP} heartbeat. {@link #transitions} reports each start and each end once, so the failover moves a dead
 * server's work once per death. A server back from the dead is given a share of its contract that grows linearly
 * from the minimum share to 1 over the ramp-up, so a restarted Asterisk is not handed a full trunk's worth of calls
 * in its first second. A server first heard after this scheduler started is not "back": it gets its whole share.
 *
 * <p>Not thread-safe: {@link FleetView} guards it.
 */
public final class ServerLiveness {

    private static final class Server {
        ServerState state;
        Instant heardAt;
        boolean dead;
        Instant backAt;
        boolean deathUnreported;
        boolean returnUnreported;
    }

    private final LivenessSettings settings;
    private final Map<String, Server> servers = new LinkedHashMap<>();

    public ServerLiveness(Collection<String> serverIds, LivenessSettings settings) {
        this.settings = settings;
        serverIds.forEach(id -> servers.put(id, new Server()));
    }

    /**
     * Records a heartbeat.
     *
     * @return true when it was accepted (a known server, newer than the last one accepted)
     */
    public boolean heartbeat(String serverId, ServerState state, Instant occurredAt, Instant now) {
        Server server = serverId == null ? null : servers.get(serverId);
        if (server == null || state == null || occurredAt == null) {
            return false;
        }
        Instant at = occurredAt.isAfter(now) ? now : occurredAt;
        if (server.heardAt != null && !at.isAfter(server.heardAt)) {
            return false;
        }
        if (server.heardAt != null && !server.dead && longerThan(server.heardAt, at, settings.deadAfter())) {
            startDeath(server);
        }
        server.state = state;
        server.heardAt = at;
        if (server.dead && state == ServerState.UP && !longerThan(at, now, settings.deadAfter())) {
            server.dead = false;
            server.backAt = at;
            server.returnUnreported = true;
        }
        return true;
    }

    public ServerCondition condition(String serverId, Instant now) {
        Server server = servers.get(serverId);
        if (server == null || server.heardAt == null) {
            return ServerCondition.UNKNOWN;
        }
        if (longerThan(server.heardAt, now, settings.deadAfter())) {
            return ServerCondition.DEAD;
        }
        if (longerThan(server.heardAt, now, settings.suspectAfter())) {
            return ServerCondition.SUSPECT;
        }
        return switch (server.state) {
            case UP -> ServerCondition.UP;
            case DRAINING -> ServerCondition.DRAINING;
            case ARI_DOWN -> ServerCondition.ARI_DOWN;
        };
    }

    public boolean isPlaceable(String serverId, Instant now) {
        return condition(serverId, now) == ServerCondition.UP;
    }

    /** The part of its trunks' contracts the server may use now: 0 unless {@code UP}, ramping after a death, else 1. */
    public double capacityShare(String serverId, Instant now) {
        if (!isPlaceable(serverId, now)) {
            return 0;
        }
        Instant backAt = servers.get(serverId).backAt;
        Duration rampUp = settings.rampUp();
        if (backAt == null || rampUp.isZero()) {
            return 1.0;
        }
        double elapsed = (double) Duration.between(backAt, now).toNanos() / rampUp.toNanos();
        if (elapsed >= 1) {
            return 1.0;
        }
        double minimum = settings.minimumShare();
        return minimum + (1 - minimum) * Math.max(0, elapsed);
    }

    /** When the server's last accepted heartbeat was sent (capped at its arrival), or null if never heard. */
    public Instant lastHeardAt(String serverId) {
        Server server = servers.get(serverId);
        return server == null ? null : server.heardAt;
    }

    /** The deaths and returns since the previous call, each reported once (edge-triggered). */
    public LivenessTransitions transitions(Instant now) {
        var died = new ArrayList<String>();
        var cameBack = new ArrayList<String>();
        for (Map.Entry<String, Server> entry : servers.entrySet()) {
            Server server = entry.getValue();
            if (server.heardAt != null && !server.dead && longerThan(server.heardAt, now, settings.deadAfter())) {
                startDeath(server);
            }
            if (server.deathUnreported) {
                died.add(entry.getKey());
                server.deathUnreported = false;
            }
            if (server.returnUnreported) {
                cameBack.add(entry.getKey());
                server.returnUnreported = false;
            }
        }
        return new LivenessTransitions(died, cameBack);
    }

    private static void startDeath(Server server) {
        server.dead = true;
        server.deathUnreported = true;
        server.backAt = null;
    }

    private static boolean longerThan(Instant from, Instant to, Duration limit) {
        return Duration.between(from, to).compareTo(limit) > 0;
    }
}
