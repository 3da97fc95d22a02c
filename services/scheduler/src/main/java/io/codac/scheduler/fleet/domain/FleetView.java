package io.codac.scheduler.fleet.domain;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.contracts.event.ServerHeartbeat;
import io.codac.contracts.event.ServerState;
import io.codac.scheduler.placement.domain.Placement;
import io.codac.scheduler.placement.domain.PlacementDecision;
import io.codac.scheduler.placement.domain.PlacementPolicy;
import io.codac.scheduler.placement.domain.PlacementRequest;
import io.codac.scheduler.placement.domain.RouteStats;
import io.codac.scheduler.placement.domain.TrunkCandidate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fleet as this scheduler instance sees it: the trunks of the fleet file, each server's liveness
 * ({@link ServerLiveness}), each route's health ({@link RouteHealth}, fed from the heartbeats' counters through
 * {@link TelemetryDeltas}), and this instance's own use of every trunk ({@link TrunkLoad}).
 *
 * <p>{@link #reserve} builds a {@link TrunkCandidate} per trunk, asks the injected {@link PlacementPolicy}, and
 * records the placement, all in one step under this object's lock, so that two threads placing at once can never
 * both take a trunk's last channel or last CPS slot. Heartbeats take the same lock.
 */
public final class FleetView {

    private final Clock clock;
    private final PlacementPolicy policy;
    private final ServerLiveness liveness;
    private final RouteHealth routes;
    private final TelemetryDeltas telemetry = new TelemetryDeltas();
    private final Map<String, TelephonyServer> serverOfTrunk = new LinkedHashMap<>();
    private final Map<String, Trunk> trunks = new LinkedHashMap<>();
    private final Map<String, TrunkLoad> loads = new HashMap<>();
    private final List<String> serverIds = new ArrayList<>();

    public FleetView(Fleet fleet, PlacementPolicy policy, Clock clock, LivenessSettings liveness, Duration routeHalfLife) {
        this.clock = clock;
        this.policy = policy;
        for (TelephonyServer server : fleet.servers()) {
            serverIds.add(server.id());
            for (Trunk trunk : server.trunks()) {
                serverOfTrunk.put(trunk.id(), server);
                trunks.put(trunk.id(), trunk);
                loads.put(trunk.id(), new TrunkLoad());
            }
        }
        this.liveness = new ServerLiveness(serverIds, liveness);
        this.routes = new RouteHealth(routeHalfLife);
    }

    /**
     * One heartbeat timeout for suspicion and death, no ramp-up, the default route half-life: liveness as it was
     * before the failover (the use-case tests rely on it).
     */
    public FleetView(Fleet fleet, PlacementPolicy policy, Clock clock, Duration heartbeatTimeout) {
        this(fleet, policy, clock, LivenessSettings.singleTimeout(heartbeatTimeout), RouteHealth.DEFAULT_HALF_LIFE);
    }

    /**
     * Records a heartbeat: the server's state, and what its routes did since its previous heartbeat. An older one
     * arriving after a newer one changes nothing; an unknown server is ignored, and so are trunks not of that server.
     */
    public synchronized void heartbeatReceived(ServerHeartbeat heartbeat) {
        if (heartbeat == null) {
            return;
        }
        Instant now = clock.instant();
        if (!liveness.heartbeat(heartbeat.serverId(), heartbeat.state(), heartbeat.occurredAt(), now)) {
            return;
        }
        Instant at = liveness.lastHeardAt(heartbeat.serverId());
        for (RouteDelta delta : telemetry.deltas(heartbeat, at)) {
            TelephonyServer owner = serverOfTrunk.get(delta.trunkId());
            if (owner != null && owner.id().equals(delta.serverId())) {
                routes.observe(delta.trunkId(), delta.operator(), delta.attempts(), delta.connects(),
                        delta.routeFailures(), at);
            }
        }
    }

    /** A heartbeat without trunk telemetry. */
    public void heartbeatReceived(String serverId, ServerState state, Instant occurredAt) {
        heartbeatReceived(new ServerHeartbeat(null, occurredAt, serverId, state, List.of()));
    }

    public synchronized boolean isPlaceable(String serverId) {
        return liveness.isPlaceable(serverId, clock.instant());
    }

    public synchronized ServerCondition condition(String serverId) {
        return liveness.condition(serverId, clock.instant());
    }

    /** The servers that died and those that came back since the previous call, each once (see {@link ServerLiveness}). */
    public synchronized LivenessTransitions transitions() {
        return liveness.transitions(clock.instant());
    }

    /**
     * Chooses a trunk for a new attempt and, when one is chosen, counts the attempt against it at once.
     * The caller must later call {@link #attemptEnded} when the attempt ends, or {@link #cancel} if it is
     * never sent.
     */
    public synchronized PlacementDecision reserve(String attemptId, PlacementRequest request) {
        Instant now = clock.instant();
        PlacementDecision decision = policy.choose(request, candidates(request.destinationOperator(), now));
        if (decision instanceof Placement placement) {
            loads.get(placement.trunk().id()).dispatched(attemptId, now);
        }
        return decision;
    }

    /** {@link #reserve(String, PlacementRequest)} for a number of unknown operator, avoiding the trunks already tried. */
    public PlacementDecision reserve(String attemptId, Set<String> triedTrunkIds) {
        return reserve(attemptId, PlacementRequest.avoiding(triedTrunkIds));
    }

    /** True when at least one usable trunk could take one more attempt (ignoring any verification's history). */
    public synchronized boolean hasHeadroom() {
        return candidates(RouteStats.UNKNOWN_OPERATOR, clock.instant()).stream().anyMatch(TrunkCandidate::canTakeOneMore);
    }

    public synchronized void attemptEnded(String trunkId, String attemptId) {
        TrunkLoad load = loads.get(trunkId);
        if (load != null) {
            load.ended(attemptId);
        }
    }

    public synchronized void cancel(Placement placement, String attemptId) {
        loads.get(placement.trunk().id()).cancelled(attemptId);
    }

    /** An attempt still live in the ledger when this instance started: it occupies a channel until it ends. */
    public synchronized void restoreInFlight(String trunkId, String attemptId) {
        TrunkLoad load = loads.get(trunkId);
        if (load != null) {
            load.restored(attemptId);
        }
    }

    /** Every trunk's contract, allowed share and this instance's use, in fleet-file order. */
    public synchronized List<TrunkSnapshot> headroom() {
        return trunkSnapshots(clock.instant());
    }

    /** Servers, trunks and routes at one instant, for the operations API. */
    public synchronized FleetSnapshot snapshot() {
        Instant now = clock.instant();
        var servers = new ArrayList<ServerSnapshot>(serverIds.size());
        for (String serverId : serverIds) {
            servers.add(new ServerSnapshot(serverId, liveness.condition(serverId, now),
                    liveness.capacityShare(serverId, now), liveness.lastHeardAt(serverId)));
        }
        return new FleetSnapshot(now, servers, trunkSnapshots(now), routes.snapshot(now));
    }

    private List<TrunkSnapshot> trunkSnapshots(Instant now) {
        var snapshot = new ArrayList<TrunkSnapshot>(trunks.size());
        for (Trunk trunk : trunks.values()) {
            String serverId = serverOfTrunk.get(trunk.id()).id();
            double share = liveness.capacityShare(serverId, now);
            TrunkLoad load = loads.get(trunk.id());
            snapshot.add(new TrunkSnapshot(trunk.id(), serverId, trunk.maxChannels(), trunk.cps(),
                    TrunkCandidate.allowed(trunk.maxChannels(), share), TrunkCandidate.allowed(trunk.cps(), share),
                    load.inFlight(), load.dispatchesWithinWindow(now)));
        }
        return snapshot;
    }

    private List<TrunkCandidate> candidates(String operator, Instant now) {
        var candidates = new ArrayList<TrunkCandidate>(trunks.size());
        for (Trunk trunk : trunks.values()) {
            TelephonyServer server = serverOfTrunk.get(trunk.id());
            TrunkLoad load = loads.get(trunk.id());
            candidates.add(new TrunkCandidate(trunk, server, liveness.isPlaceable(server.id(), now),
                    liveness.capacityShare(server.id(), now), load.inFlight(), load.dispatchesWithinWindow(now),
                    routes.stats(trunk.id(), operator, now)));
        }
        return candidates;
    }
}
