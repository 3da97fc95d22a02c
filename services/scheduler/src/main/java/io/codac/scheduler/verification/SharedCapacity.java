package io.codac.scheduler.verification;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.scheduler.capacity.domain.Acquisition;
import io.codac.scheduler.capacity.domain.CapacityLedger;
import io.codac.scheduler.capacity.domain.TrunkContract;
import io.codac.scheduler.fleet.domain.FleetView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trunk capacity every scheduler instance shares ({@link CapacityLedger}, in Redis), as the use cases need it:
 * a placement holds a channel there before its attempt is recorded, gives it back when the attempt ends or is never
 * recorded, and this instance's live attempts keep their leases renewed; the fleet view is kept up to date with
 * everyone's use.
 *
 * <p>The shared ledger makes several instances share trunks without exceeding them; it is not what keeps a trunk
 * within its contract (the adapters refuse what exceeds it) nor what keeps a number from being dialed twice (the
 * database does). So when Redis is unreachable, placement goes on with this instance's own counts, and the leases
 * are written back by the first renewal after it returns.
 */
public final class SharedCapacity {

    private static final Logger log = LoggerFactory.getLogger(SharedCapacity.class);

    private final CapacityLedger ledger;
    private final FleetView view;
    private final Map<String, TrunkContract> contracts = new LinkedHashMap<>();
    private final Duration renewEvery;
    private final Clock clock;
    private Instant lastRenewal;
    private volatile boolean unavailable;

    /** @param renewEvery how often this instance's leases are renewed (well within the ledger's lease TTL) */
    public SharedCapacity(CapacityLedger ledger, Fleet fleet, FleetView view, Duration renewEvery, Clock clock) {
        this.ledger = ledger;
        this.view = view;
        this.renewEvery = renewEvery;
        this.clock = clock;
        for (TelephonyServer server : fleet.servers()) {
            for (Trunk trunk : server.trunks()) {
                contracts.put(trunk.id(), new TrunkContract(trunk.id(), trunk.maxChannels(), trunk.cps()));
            }
        }
    }

    /**
     * Takes a channel of the trunk for the attempt. A refusal is also recorded in the fleet view, so the next choice
     * avoids the trunk; with Redis unreachable the answer is {@link Acquisition#GRANTED} (this instance's own counts
     * already allowed it).
     */
    public Acquisition acquire(Trunk trunk, String attemptId) {
        TrunkContract contract = contracts.getOrDefault(trunk.id(),
                new TrunkContract(trunk.id(), trunk.maxChannels(), trunk.cps()));
        try {
            Acquisition acquisition = ledger.tryAcquire(contract, attemptId);
            available();
            if (!acquisition.holds()) {
                view.sharedRefusal(trunk.id(), acquisition);
            }
            return acquisition;
        } catch (RuntimeException e) {
            unavailable(e);
            return Acquisition.GRANTED;
        }
    }

    /** Gives the attempt's channel back (its attempt ended, or was never recorded). */
    public void release(String trunkId, String attemptId) {
        try {
            ledger.release(trunkId, attemptId);
        } catch (RuntimeException e) {
            unavailable(e); // the lease expires by itself
        }
    }

    /**
     * Reads everyone's use into the fleet view and, when due (or {@code force}), renews this instance's leases. Called
     * by the sweep several times a second and on partition assignment.
     */
    public void refresh(boolean force) {
        try {
            Instant now = clock.instant();
            if (force || lastRenewal == null || !now.isBefore(lastRenewal.plus(renewEvery))) {
                ledger.renew(view.inFlightByTrunk());
                lastRenewal = now;
            }
            view.sharedUse(ledger.use(contracts.keySet()));
            available();
        } catch (RuntimeException e) {
            unavailable(e);
        }
    }

    private void available() {
        if (unavailable) {
            unavailable = false;
            log.info("shared trunk capacity reachable again");
        }
    }

    private void unavailable(RuntimeException e) {
        if (!unavailable) {
            unavailable = true;
            log.warn("shared trunk capacity unreachable ({}); placing on this instance's own counts, the adapters"
                    + " still refuse whatever exceeds a trunk", e.toString());
        }
    }
}
