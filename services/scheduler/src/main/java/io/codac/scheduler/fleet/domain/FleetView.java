package io.codac.scheduler.fleet.domain;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.contracts.event.ServerHeartbeat;
import io.codac.contracts.event.ServerState;
import io.codac.scheduler.capacity.domain.Acquisition;
import io.codac.scheduler.capacity.domain.TrunkUse;
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
 *
 * <p>Other scheduler instances use the same trunks. Their use arrives as the shared ledger's last reading
 * ({@link #sharedUse}, refreshed several times a second): a trunk counts as used by the larger of this instance's own
 * count and the shared one, so the policy rarely picks a trunk the shared ledger would refuse. The shared ledger
 * decides (the caller acquires there after {@link #reserve}); a refusal is recorded ({@link #sharedRefusal}) so the
 * next choice avoids that trunk until the next reading. A reading older than {@link #SHARED_USE_MAX_AGE} is ignored:
 * without the shared ledger, this instance counts only its own use (the adapters still refuse what exceeds a trunk).
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
    private final List<TelephonyServer> servers = new ArrayList<>();
    private Set<String> drainedByOperator = Set.of();
    private Map<String, TrunkUse> sharedUse = Map.of();
    private Instant sharedUseAt;

    /** How long a reading of the shared ledger is trusted. */
    public static final Duration SHARED_USE_MAX_AGE = Duration.ofSeconds(2);

    public FleetView(Fleet fleet, PlacementPolicy policy, Clock clock, LivenessSettings liveness, Duration routeHalfLife) {
        this.clock = clock;
        this.policy = policy;
        for (TelephonyServer server : fleet.servers()) {
            serverIds.add(server.id());
            servers.add(server);
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
        return placeable(serverId, clock.instant());
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

    /**
     * How many calls the fleet could start right now (each usable trunk: the smaller of its free channels and its free
     * CPS), ignoring any verification's history: how much work is worth taking from the line at once. Unbounded
     * ({@link Integer#MAX_VALUE}) with a live server for a policy that does not keep within headroom.
     */
    public synchronized int freeStarts() {
        List<TrunkCandidate> candidates = candidates(RouteStats.UNKNOWN_OPERATOR, clock.instant());
        if (!policy.keepsWithinHeadroom()) {
            // The naive baseline places on any live server's trunk: no room to count, nothing waits for it.
            return candidates.stream().anyMatch(TrunkCandidate::usable) ? Integer.MAX_VALUE : 0;
        }
        int free = 0;
        for (TrunkCandidate candidate : candidates) {
            if (candidate.canTakeOneMore()) {
                free += Math.max(1, Math.min(candidate.allowedChannels() - candidate.channelsInUse(),
                        candidate.allowedCps() - candidate.startsLastSecond()));
            }
        }
        return free;
    }

    /**
     * True when at least one usable trunk could take one more attempt (ignoring any verification's history); for the
     * naive baseline, which does not keep within headroom, when any trunk is usable.
     */
    public synchronized boolean hasHeadroom() {
        return freeStarts() > 0;
    }

    public synchronized void attemptEnded(String trunkId, String attemptId) {
        TrunkLoad load = loads.get(trunkId);
        if (load != null && load.ended(attemptId)) {
            // Its lease is released in the shared ledger now: the last reading counts one channel too many.
            TrunkUse shared = sharedUse.get(trunkId);
            if (shared != null && shared.channelsHeld() > 0) {
                var updated = new HashMap<>(sharedUse);
                updated.put(trunkId, shared.withChannelsHeld(shared.channelsHeld() - 1));
                sharedUse = Map.copyOf(updated);
            }
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

    /** The servers an operator drained through the scheduler: no new work for them, whatever they report. */
    public synchronized void operatorDrains(Set<String> drained) {
        drainedByOperator = Set.copyOf(drained);
    }

    /** The shared ledger's reading of every trunk's use across all instances (this one's included). */
    public synchronized void sharedUse(Map<String, TrunkUse> use) {
        sharedUse = Map.copyOf(use);
        sharedUseAt = clock.instant();
    }

    /** The shared ledger refused a trunk this view had chosen: count it as full until the next reading. */
    public synchronized void sharedRefusal(String trunkId, Acquisition refusal) {
        Trunk trunk = trunks.get(trunkId);
        if (trunk == null || refusal.holds()) {
            return;
        }
        TrunkUse known = sharedUse.getOrDefault(trunkId, TrunkUse.NONE);
        var updated = new HashMap<>(sharedUse);
        updated.put(trunkId, refusal == Acquisition.CHANNELS_FULL
                ? known.withChannelsHeld(Math.max(known.channelsHeld(), trunk.maxChannels()))
                : new TrunkUse(known.channelsHeld(), Math.max(known.startsLastSecond(), trunk.cps())));
        sharedUse = Map.copyOf(updated);
        if (sharedUseAt == null) {
            sharedUseAt = clock.instant();
        }
    }

    /** This instance's live attempts by trunk id: the leases it renews in the shared ledger. */
    public synchronized Map<String, Set<String>> inFlightByTrunk() {
        var byTrunk = new HashMap<String, Set<String>>();
        loads.forEach((trunkId, load) -> {
            Set<String> attempts = load.inFlightAttempts();
            if (!attempts.isEmpty()) {
                byTrunk.put(trunkId, attempts);
            }
        });
        return byTrunk;
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
            servers.add(new ServerSnapshot(serverId, liveness.condition(serverId, now), shareOf(serverId, now),
                    liveness.lastHeardAt(serverId), drainedByOperator.contains(serverId)));
        }
        return new FleetSnapshot(now, servers, trunkSnapshots(now), routes.snapshot(now));
    }

    private List<TrunkSnapshot> trunkSnapshots(Instant now) {
        var snapshot = new ArrayList<TrunkSnapshot>(trunks.size());
        for (Trunk trunk : trunks.values()) {
            String serverId = serverOfTrunk.get(trunk.id()).id();
            double share = shareOf(serverId, now);
            TrunkLoad load = loads.get(trunk.id());
            TrunkUse shared = sharedUseOf(trunk.id(), now);
            snapshot.add(new TrunkSnapshot(trunk.id(), serverId, trunk.maxChannels(), trunk.cps(),
                    TrunkCandidate.allowed(trunk.maxChannels(), share), TrunkCandidate.allowed(trunk.cps(), share),
                    load.inFlight(), load.dispatchesWithinWindow(now), shared.channelsHeld(),
                    sharedStarts(shared, now)));
        }
        return snapshot;
    }

    private boolean placeable(String serverId, Instant now) {
        return !drainedByOperator.contains(serverId) && liveness.isPlaceable(serverId, now);
    }

    private double shareOf(String serverId, Instant now) {
        return drainedByOperator.contains(serverId) ? 0.0 : liveness.capacityShare(serverId, now);
    }

    private TrunkUse sharedUseOf(String trunkId, Instant now) {
        return sharedUseFresh(now).getOrDefault(trunkId, TrunkUse.NONE);
    }

    /** The starts of the shared reading still inside their CPS window now: slots free as the window slides. */
    private int sharedStarts(TrunkUse shared, Instant now) {
        return sharedUseAt == null ? shared.startsLastSecond()
                : shared.startsStillCounted(Duration.between(sharedUseAt, now));
    }

    /** The shared ledger's last reading, or nothing if it is older than {@link #SHARED_USE_MAX_AGE}. */
    private Map<String, TrunkUse> sharedUseFresh(Instant now) {
        if (sharedUseAt == null || sharedUseAt.plus(SHARED_USE_MAX_AGE).isBefore(now)) {
            return Map.of();
        }
        return sharedUse;
    }

    /** One per trunk, in fleet-file order; each server's liveness is judged once per call (it is on every path). */
    private List<TrunkCandidate> candidates(String operator, Instant now) {
        var candidates = new ArrayList<TrunkCandidate>(trunks.size());
        Map<String, TrunkUse> shared = sharedUseFresh(now);
        for (TelephonyServer server : servers) {
            boolean placeable = placeable(server.id(), now);
            double share = shareOf(server.id(), now);
            for (Trunk trunk : server.trunks()) {
                TrunkLoad load = loads.get(trunk.id());
                TrunkUse others = shared.getOrDefault(trunk.id(), TrunkUse.NONE);
                candidates.add(new TrunkCandidate(trunk, server, placeable, share,
                        Math.max(load.inFlight(), others.channelsHeld()),
                        Math.max(load.dispatchesWithinWindow(now), sharedStarts(others, now)),
                        routes.stats(trunk.id(), operator, now)));
            }
        }
        return candidates;
    }
}
