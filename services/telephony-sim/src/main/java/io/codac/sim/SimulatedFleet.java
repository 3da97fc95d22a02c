package io.codac.sim;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.PhoneNumberMask;
import io.codac.sim.ari.AriFleet;
import io.codac.sim.domain.BrokenPromise;
import io.codac.sim.domain.CallRecord;
import io.codac.sim.domain.NumberFate;
import io.codac.sim.domain.SimSettings;
import io.codac.sim.domain.SimStats;
import io.codac.sim.domain.TelephoneNetwork;
import io.codac.sim.population.IndianMobileNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A simulated telephone network for a whole fleet: one ARI server per fleet server, listening on its
 * {@code ari.url} host and port behind Basic auth with its ARI user, and the carriers and subscribers behind
 * them. The entry point for tests, benchmarks and the simulator application:
 *
 * <pre>{@code
 * try (SimulatedFleet sim = SimulatedFleet.start(fleet, SimSettings.fast().withSeed(42))) {
 *     String number = sim.numbersWithFate(NumberFate.UNALLOCATED, 1).get(0);
 *     ... dial it through ari4java ...
 *     assertThat(sim.stats().concurrentDoubleDials()).isZero();
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class SimulatedFleet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedFleet.class);
    private static final int SCAN_LIMIT = 10_000_000;

    private final Fleet fleet;
    private final SimSettings settings;
    private final ExecutorTimers timers;
    private final TelephoneNetwork network;
    private final AriFleet ari;
    private final IndianMobileNumbers numbers;
    private final Map<NumberFate, Integer> nextIndexByFate = new EnumMap<>(NumberFate.class);

    private SimulatedFleet(Fleet fleet, SimSettings settings, ExecutorTimers timers, TelephoneNetwork[] network,
                           AriFleet ari) {
        this.fleet = fleet;
        this.settings = settings;
        this.timers = timers;
        this.network = network[0];
        this.ari = ari;
        this.numbers = new IndianMobileNumbers(settings.seed());
    }

    /** Starts every server of the fleet; throws (and leaves nothing running) if any port cannot be bound. */
    public static SimulatedFleet start(Fleet fleet, SimSettings settings) {
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(settings, "settings");
        Clock clock = Clock.systemUTC();
        var timers = new ExecutorTimers();
        var network = new TelephoneNetwork[1];
        try {
            AriFleet ari = AriFleet.start(fleet, clock, sink -> network[0] =
                    new TelephoneNetwork(fleet, settings, clock, timers, sink, SimulatedFleet::logBrokenPromise));
            log.info("simulated fleet up: {} servers, {} trunks, seed {}", fleet.servers().size(), fleet.trunks().size(),
                    settings.seed());
            return new SimulatedFleet(fleet, settings, timers, network, ari);
        } catch (RuntimeException e) {
            timers.close();
            throw e;
        }
    }

    /** The fate of a number: the same for the same number and seed, in every run. */
    public NumberFate fateOf(String number) {
        return network.fateOf(number);
    }

    /**
     * {@code count} valid Indian mobile numbers in E.164 that have {@code fate}. Each call returns numbers this
     * simulator has not returned before, so tests sharing a simulator never dial each other's numbers (which the
     * ledger would count as redials); the sequence is the same for the same seed.
     */
    public synchronized List<String> numbersWithFate(NumberFate fate, int count) {
        Objects.requireNonNull(fate, "fate");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        if (settings.shares().share(fate) <= 0) {
            throw new IllegalArgumentException("no number has fate " + fate + " with these shares");
        }
        var found = new ArrayList<String>(count);
        int index = nextIndexByFate.getOrDefault(fate, 0);
        int scanned = 0;
        while (found.size() < count) {
            if (++scanned > SCAN_LIMIT) {
                throw new IllegalStateException("found only " + found.size() + " numbers with fate " + fate);
            }
            String number = numbers.get(index++);
            if (network.fateOf(number) == fate) {
                found.add(number);
            }
        }
        nextIndexByFate.put(fate, index);
        return found;
    }

    public SimStats stats() {
        return network.stats();
    }

    /** Every call attempt to {@code number} still in the records, oldest first. */
    public List<CallRecord> cdr(String number) {
        return network.cdr(number);
    }

    /** The newest {@code limit} call records of the fleet, oldest first. */
    public List<CallRecord> latestCdr(int limit) {
        return network.latestRecords(limit);
    }

    /** The operator that holds the number's series, from libphonenumber's carrier data ("" when unknown). */
    public String operatorOf(String number) {
        return IndianMobileNumbers.operatorOf(number);
    }

    public Fleet fleet() {
        return fleet;
    }

    public SimSettings settings() {
        return settings;
    }

    /** Stops every server: sockets close, timers stop; live channels simply vanish. */
    @Override
    public void close() {
        try {
            ari.close();
        } finally {
            timers.close();
        }
        log.info("simulated fleet stopped");
    }

    private static void logBrokenPromise(BrokenPromise broken) {
        log.warn("{}: {} on server {} (channel {})", broken.kind(), PhoneNumberMask.mask(broken.number()),
                broken.serverId(), broken.channelId());
    }
}
