package io.codac.scheduler.capacity.domain;

import java.util.Collection;
import java.util.Map;

/**
 * No shared capacity at all: every acquisition is granted and nothing is recorded. The naive round-robin baseline's
 * (ADR 0009), which places on any live server's trunk without looking at its use, so a ledger that refused would
 * only hand it back the headroom it is there to do without. Never with a policy that keeps within headroom.
 */
public final class UnsharedCapacityLedger implements CapacityLedger {

    @Override
    public Acquisition tryAcquire(TrunkContract trunk, String attemptId) {
        return Acquisition.GRANTED;
    }

    @Override
    public void release(String trunkId, String attemptId) {
        // nothing was held
    }

    @Override
    public void renew(Map<String, ? extends Collection<String>> liveAttemptsByTrunk) {
        // nothing to renew
    }

    @Override
    public Map<String, TrunkUse> use(Collection<String> trunkIds) {
        return Map.of();
    }
}
