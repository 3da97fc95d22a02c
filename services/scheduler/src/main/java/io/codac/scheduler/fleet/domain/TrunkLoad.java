package io.codac.scheduler.fleet.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * This instance's use of one trunk: the attempts it placed there that have not ended, and the instants
 * of its dispatches inside a sliding one-second window (the carrier counts calls per second the same way,
 * so a fixed per-second bucket would let a burst straddling a second boundary run at twice the contract).
 * Not thread-safe: {@link FleetView} guards it.
 */
final class TrunkLoad {

    static final Duration CPS_WINDOW = Duration.ofSeconds(1);

    private record Dispatch(String attemptId, Instant at) {
    }

    private final Set<String> inFlight = new HashSet<>();
    private final ArrayDeque<Dispatch> recentDispatches = new ArrayDeque<>();

    void dispatched(String attemptId, Instant at) {
        inFlight.add(attemptId);
        recentDispatches.addLast(new Dispatch(attemptId, at));
    }

    /** An attempt placed before this instance started (rebuilt from the ledger): it holds a channel, not a CPS slot. */
    void restored(String attemptId) {
        inFlight.add(attemptId);
    }

    /** @return whether the attempt was counted here */
    boolean ended(String attemptId) {
        return inFlight.remove(attemptId);
    }

    /** A reservation that was never sent: it neither holds a channel nor counts against the CPS window. */
    void cancelled(String attemptId) {
        inFlight.remove(attemptId);
        recentDispatches.removeIf(dispatch -> dispatch.attemptId().equals(attemptId));
    }

    int inFlight() {
        return inFlight.size();
    }

    Set<String> inFlightAttempts() {
        return Set.copyOf(inFlight);
    }

    int dispatchesWithinWindow(Instant now) {
        Instant windowStart = now.minus(CPS_WINDOW);
        Iterator<Dispatch> oldestFirst = recentDispatches.iterator();
        while (oldestFirst.hasNext() && !oldestFirst.next().at().isAfter(windowStart)) {
            oldestFirst.remove();
        }
        return recentDispatches.size();
    }
}
