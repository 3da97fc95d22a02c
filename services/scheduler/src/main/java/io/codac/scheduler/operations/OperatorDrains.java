package io.codac.scheduler.operations;

import io.codac.scheduler.fleet.domain.FleetView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Operator drains: recorded in the database (so every instance, and the next start, sees them) and applied to this
 * instance's fleet view at once when made here, within {@code refreshEvery} when made by another instance.
 */
public final class OperatorDrains {

    private static final Logger log = LoggerFactory.getLogger(OperatorDrains.class);

    private final ServerDrains drains;
    private final FleetView fleet;
    private final Duration refreshEvery;
    private final Clock clock;
    private Instant lastRefresh;

    public OperatorDrains(ServerDrains drains, FleetView fleet, Duration refreshEvery, Clock clock) {
        this.drains = drains;
        this.fleet = fleet;
        this.refreshEvery = refreshEvery;
        this.clock = clock;
    }

    public boolean drain(String serverId, String reason) {
        boolean changed = drains.drain(serverId, clock.instant(), reason);
        refresh();
        if (changed) {
            log.info("server {} drained by an operator ({}): no new work is placed on it", serverId, reason);
        }
        return changed;
    }

    public boolean resume(String serverId) {
        boolean changed = drains.resume(serverId);
        refresh();
        if (changed) {
            log.info("server {} resumed by an operator", serverId);
        }
        return changed;
    }

    public Set<String> drained() {
        return drains.drained();
    }

    /** Reads the drains into the fleet view when the last reading is older than {@code refreshEvery}. */
    public synchronized void refreshIfDue() {
        Instant now = clock.instant();
        if (lastRefresh == null || !now.isBefore(lastRefresh.plus(refreshEvery))) {
            refresh();
        }
    }

    private synchronized void refresh() {
        try {
            fleet.operatorDrains(drains.drained());
            lastRefresh = clock.instant();
        } catch (RuntimeException e) {
            // The last known drains stay in force; the next sweep tries again.
            log.warn("could not read the operator drains: {}", e.toString());
        }
    }
}
