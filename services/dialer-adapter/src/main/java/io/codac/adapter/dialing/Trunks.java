package io.codac.adapter.dialing;

import io.codac.adapter.trunk.domain.Admission;
import io.codac.adapter.trunk.domain.TrunkActivity;
import io.codac.adapter.trunk.domain.TrunkLimiter;
import io.codac.adapter.trunk.domain.TrunkLoad;
import io.codac.adapter.trunk.domain.TrunkPermit;
import io.codac.contracts.domain.OutcomeClassifier;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.contracts.event.OperatorUsage;
import io.codac.contracts.event.TrunkUsage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * This server's trunks: their limiters, their activity, and the bounded wait for capacity.
 *
 * <p>A command waits at most until its deadline for a CPS token or a channel, on the trunk's own monitor,
 * woken early when a call on that trunk ends. There is no queue: each trunk's partition is consumed by
 * one thread, so at most one command per trunk waits, and the partition itself is the backlog.
 */
public final class Trunks {

    private final Clock clock;
    private final Duration cpsWindowMargin;
    private final OutcomeClassifier classifier = new OutcomeClassifier();
    /** Copied on write (trunks are only ever added, by a fleet-file reload), read without locks. */
    private volatile Map<String, Slot> slots = Map.of();

    public Trunks(TelephonyServer server, Clock clock) {
        this(server, Duration.ZERO, clock);
    }

    /** @param cpsWindowMargin see {@link TrunkLimiter#TrunkLimiter(Trunk, Duration, Clock)} */
    public Trunks(TelephonyServer server, Duration cpsWindowMargin, Clock clock) {
        this.clock = clock;
        this.cpsWindowMargin = cpsWindowMargin;
        addNew(server);
    }

    /**
     * Adds the trunks of a reloaded fleet file that this server did not have. A trunk already known keeps its
     * limiter (live calls hold permits of it), so a changed contract takes effect at the next restart; a trunk
     * gone from the file keeps its slot, only its partition is no longer consumed. Returns the trunks added.
     */
    public synchronized List<Trunk> addNew(TelephonyServer server) {
        var next = new LinkedHashMap<>(slots);
        var added = new java.util.ArrayList<Trunk>();
        for (Trunk trunk : server.trunks()) {
            if (!next.containsKey(trunk.id())) {
                next.put(trunk.id(), new Slot(trunk, new TrunkLimiter(trunk, cpsWindowMargin, clock),
                        new TrunkActivity(trunk.id(), classifier)));
                added.add(trunk);
            }
        }
        slots = java.util.Collections.unmodifiableMap(next);
        return added;
    }

    public Optional<Trunk> trunk(String trunkId) {
        return Optional.ofNullable(slots.get(trunkId)).map(Slot::trunk);
    }

    public List<Trunk> all() {
        return slots.values().stream().map(Slot::trunk).toList();
    }

    public TrunkActivity activity(String trunkId) {
        return slot(trunkId).activity();
    }

    /**
     * Admits a call on the trunk, waiting until {@code deadline} at the latest; answers
     * {@link Admission.Admitted} or {@link Admission.Refused}, nothing else.
     */
    public Admission acquire(String trunkId, Instant deadline) throws InterruptedException {
        Slot slot = slot(trunkId);
        synchronized (slot) {
            while (true) {
                Admission admission = slot.limiter().admit(deadline);
                switch (admission) {
                    case Admission.Admitted admitted -> {
                        return admitted;
                    }
                    case Admission.Refused refused -> {
                        return refused;
                    }
                    case Admission.RetryAt retry -> waitUntil(slot, retry.at());
                    case Admission.WaitForChannel waitForChannel -> waitUntil(slot, deadline);
                }
            }
        }
    }

    /** The originate was answered: the call's CPS token counts from now (see {@link TrunkLimiter#started}). */
    public void started(TrunkPermit permit) {
        slot(permit.trunkId()).limiter().started(permit);
    }

    /** The call ended: free its channel and wake a command waiting for one. */
    public void release(TrunkPermit permit) {
        Slot slot = slot(permit.trunkId());
        if (slot.limiter().release(permit)) {
            synchronized (slot) {
                slot.notifyAll();
            }
        }
    }

    /** The permit was not used (duplicate command): give back its token and channel. */
    public void cancel(TrunkPermit permit) {
        Slot slot = slot(permit.trunkId());
        if (slot.limiter().cancel(permit)) {
            synchronized (slot) {
                slot.notifyAll();
            }
        }
    }

    public TrunkLoad load(String trunkId) {
        return slot(trunkId).limiter().load();
    }

    /** Every trunk's use and activity, as the telemetry topic carries it. */
    public List<TrunkUsage> usage() {
        return slots.values().stream().map(slot -> {
            TrunkLoad load = slot.limiter().load();
            TrunkActivity.Snapshot activity = slot.activity().snapshot();
            return new TrunkUsage(slot.trunk().id(), load.liveChannels(), load.maxChannels(), load.callsInLastSecond(),
                    load.cpsLimit(), activity.attempts(), activity.connects(), activity.routeFailures(),
                    activity.commandLagMillis(), activity.operators().stream()
                            .map(o -> new OperatorUsage(o.operator(), o.attempts(), o.connects(), o.routeFailures()))
                            .toList());
        }).toList();
    }

    private Slot slot(String trunkId) {
        Slot slot = slots.get(trunkId);
        if (slot == null) {
            throw new IllegalArgumentException("trunk " + trunkId + " is not on this server");
        }
        return slot;
    }

    private void waitUntil(Object monitor, Instant until) throws InterruptedException {
        long nanos = Duration.between(clock.instant(), until).toNanos();
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.timedWait(monitor, nanos);
        }
    }

    private record Slot(Trunk trunk, TrunkLimiter limiter, TrunkActivity activity) {
    }
}
