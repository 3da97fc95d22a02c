package io.codac.scheduler.capacity.domain;

import java.util.Collection;
import java.util.Map;

/**
 * The fleet's trunk capacity as every scheduler instance shares it: which attempts hold a channel of each trunk
 * and how many calls each trunk started in the last second. Two instances placing on one trunk at once can never
 * both take its last channel or its last CPS slot, because {@link #tryAcquire} decides and records in one atomic
 * step.
 *
 * <p>A channel is held under a lease: an instance that dies stops renewing its leases, and they expire, so its
 * capacity returns to the fleet without anyone cleaning up after it. The instance that takes over its partitions
 * rebuilds the live attempts from the database and {@link #renew renews} them under its own name. The ledger is
 * disposable: after a loss (a Redis flush) every instance's next renewal writes its live attempts back, and
 * meanwhile the adapters' own local limits keep every trunk within its contract (they hand back what does not fit).
 */
public interface CapacityLedger {

    /**
     * Takes a channel and a CPS slot of {@code trunk} for {@code attemptId}, only if both are free. Idempotent: an
     * attempt that already holds a channel of the trunk gets {@link Acquisition#HELD} and takes nothing more.
     */
    Acquisition tryAcquire(TrunkContract trunk, String attemptId);

    /** Frees the attempt's channel (its CPS slot stays counted until its second has passed). Idempotent. */
    void release(String trunkId, String attemptId);

    /**
     * Extends (or, after a loss, writes back) the leases of these live attempts, by trunk id, whatever the trunk's
     * current use: the calls are live, so they do occupy their channels.
     */
    void renew(Map<String, ? extends Collection<String>> liveAttemptsByTrunk);

    /** The current use of each of these trunks, read in one round trip. Trunks never used come back as zero. */
    Map<String, TrunkUse> use(Collection<String> trunkIds);
}
