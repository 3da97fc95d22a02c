package io.codac.scheduler.fleet.domain;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.contracts.event.ServerState;
import io.codac.scheduler.placement.domain.Placement;
import io.codac.scheduler.placement.domain.PlacementDecision;
import io.codac.scheduler.placement.domain.PlacementPolicy;
import io.codac.scheduler.placement.domain.TrunkHeadroom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fleet as this scheduler instance sees it: the trunks of the fleet file, each server's last heartbeat,
 * and this instance's own use of every trunk.
 *
 * <p>A server is placeable while its last heartbeat says {@code UP} and is younger than the heartbeat
 * timeout; a {@code DRAINING} or {@code ARI_DOWN} server, or one that went quiet, gets no new work.
 * Liveness is judged on the heartbeat's own time (capped at now), so heartbeats replayed late can never
 * make a dead server look alive.
 *
 * <p>{@link #reserve} decides and records a placement in one step under this object's lock, so that two
 * threads placing at once can never both take a trunk's last channel or last CPS slot.
 */
public final class FleetView {

    private record Heartbeat(ServerState state, Instant at) {
    }

    private final Clock clock;
    private final Duration heartbeatTimeout;
    private final PlacementPolicy policy;
    private final Map<String, TelephonyServer> serverOfTrunk = new LinkedHashMap<>();
    private final Map<String, Trunk> trunks = new LinkedHashMap<>();
    private final Map<String, TrunkLoad> loads = new HashMap<>();
    private final Map<String, Heartbeat> heartbeats = new HashMap<>();
    private final Set<String> serverIds = new HashSet<>();

    public FleetView(Fleet fleet, PlacementPolicy policy, Clock clock, Duration heartbeatTimeout) {
        if (heartbeatTimeout.isNegative() || heartbeatTimeout.isZero()) {
            throw new IllegalArgumentException("the heartbeat timeout must be positive, was " + heartbeatTimeout);
        }
        this.clock = clock;
        this.heartbeatTimeout = heartbeatTimeout;
        this.policy = policy;
        for (TelephonyServer server : fleet.servers()) {
            serverIds.add(server.id());
            for (Trunk trunk : server.trunks()) {
                serverOfTrunk.put(trunk.id(), server);
                trunks.put(trunk.id(), trunk);
                loads.put(trunk.id(), new TrunkLoad());
            }
        }
    }

    /** Records a heartbeat; an older one arriving after a newer one changes nothing, an unknown server is ignored. */
    public synchronized void heartbeatReceived(String serverId, ServerState state, Instant occurredAt) {
        if (serverId == null || state == null || occurredAt == null || !serverIds.contains(serverId)) {
            return;
        }
        Instant at = min(occurredAt, clock.instant());
        heartbeats.merge(serverId, new Heartbeat(state, at),
                (known, received) -> received.at().isBefore(known.at()) ? known : received);
    }

    public synchronized boolean isPlaceable(String serverId) {
        Heartbeat last = heartbeats.get(serverId);
        if (last == null || last.state() != ServerState.UP) {
            return false;
        }
        return Duration.between(last.at(), clock.instant()).compareTo(heartbeatTimeout) < 0;
    }

    /**
     * Chooses a trunk for a new attempt and, when one is chosen, counts the attempt against it at once.
     * The caller must later call {@link #attemptEnded} when the attempt ends, or {@link #cancel} if it is
     * never sent.
     */
    public synchronized PlacementDecision reserve(String attemptId, Set<String> triedTrunkIds) {
        Instant now = clock.instant();
        PlacementDecision decision = policy.choose(headroom(now), triedTrunkIds);
        if (decision instanceof Placement placement) {
            loads.get(placement.trunk().id()).dispatched(attemptId, now);
        }
        return decision;
    }

    /** True when at least one live trunk could take one more attempt (ignoring any verification's history). */
    public synchronized boolean hasHeadroom() {
        return headroom(clock.instant()).stream().anyMatch(TrunkHeadroom::canTakeOneMore);
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

    /** A consistent snapshot of every trunk's headroom, in fleet-file order. */
    public synchronized List<TrunkHeadroom> headroom() {
        return headroom(clock.instant());
    }

    private List<TrunkHeadroom> headroom(Instant now) {
        var snapshot = new ArrayList<TrunkHeadroom>(trunks.size());
        for (Trunk trunk : trunks.values()) {
            TelephonyServer server = serverOfTrunk.get(trunk.id());
            TrunkLoad load = loads.get(trunk.id());
            snapshot.add(new TrunkHeadroom(trunk, server, isPlaceable(server.id()), load.inFlight(),
                    load.dispatchesWithinWindow(now)));
        }
        return snapshot;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
