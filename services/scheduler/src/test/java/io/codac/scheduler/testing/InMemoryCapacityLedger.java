package io.codac.scheduler.testing;

import io.codac.scheduler.capacity.domain.Acquisition;
import io.codac.scheduler.capacity.domain.CapacityLedger;
import io.codac.scheduler.capacity.domain.TrunkContract;
import io.codac.scheduler.capacity.domain.TrunkUse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared capacity ledger in memory, with the Redis adapter's rules (leases that expire unless renewed, a
 * one-second window of starts), for fast tests of the use cases; {@link #takenByAnotherInstance} plays a second
 * scheduler instance. The Redis adapter is tested against Redis in its own IT.
 */
public final class InMemoryCapacityLedger implements CapacityLedger {

    private final Map<String, Map<String, Instant>> leases = new HashMap<>();
    private final Map<String, List<Instant>> starts = new HashMap<>();
    private final Clock clock;
    private final Duration leaseTtl;

    public InMemoryCapacityLedger(Clock clock, Duration leaseTtl) {
        this.clock = clock;
        this.leaseTtl = leaseTtl;
    }

    /** Another instance holds {@code channels} channels of the trunk (and started them just now). */
    public synchronized void takenByAnotherInstance(String trunkId, int channels) {
        for (int i = 0; i < channels; i++) {
            leases.computeIfAbsent(trunkId, any -> new LinkedHashMap<>())
                    .put("other-" + i, clock.instant().plus(leaseTtl));
            starts.computeIfAbsent(trunkId, any -> new ArrayList<>()).add(clock.instant());
        }
    }

    @Override
    public synchronized Acquisition tryAcquire(TrunkContract trunk, String attemptId) {
        Instant now = clock.instant();
        Map<String, Instant> held = live(trunk.trunkId(), now);
        if (held.containsKey(attemptId)) {
            return Acquisition.HELD;
        }
        if (held.size() >= trunk.maxChannels()) {
            return Acquisition.CHANNELS_FULL;
        }
        List<Instant> window = window(trunk.trunkId(), now);
        if (window.size() >= trunk.cps()) {
            return Acquisition.CPS_LIMIT;
        }
        held.put(attemptId, now.plus(leaseTtl));
        window.add(now);
        return Acquisition.GRANTED;
    }

    @Override
    public synchronized void release(String trunkId, String attemptId) {
        leases.getOrDefault(trunkId, new HashMap<>()).remove(attemptId);
    }

    @Override
    public synchronized void renew(Map<String, ? extends Collection<String>> liveAttemptsByTrunk) {
        Instant until = clock.instant().plus(leaseTtl);
        liveAttemptsByTrunk.forEach((trunkId, attempts) -> attempts.forEach(attemptId ->
                leases.computeIfAbsent(trunkId, any -> new LinkedHashMap<>()).put(attemptId, until)));
    }

    @Override
    public synchronized Map<String, TrunkUse> use(Collection<String> trunkIds) {
        Instant now = clock.instant();
        var use = new LinkedHashMap<String, TrunkUse>();
        for (String trunkId : trunkIds) {
            use.put(trunkId, new TrunkUse(live(trunkId, now).size(), window(trunkId, now).size()));
        }
        return use;
    }

    private Map<String, Instant> live(String trunkId, Instant now) {
        Map<String, Instant> held = leases.computeIfAbsent(trunkId, any -> new LinkedHashMap<>());
        held.values().removeIf(expiry -> !expiry.isAfter(now));
        return held;
    }

    private List<Instant> window(String trunkId, Instant now) {
        List<Instant> window = starts.computeIfAbsent(trunkId, any -> new ArrayList<>());
        window.removeIf(start -> !start.isAfter(now.minusSeconds(1)));
        return window;
    }
}
