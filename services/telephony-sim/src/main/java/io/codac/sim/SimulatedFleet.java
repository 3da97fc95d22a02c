package io.codac.sim;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.PhoneNumberMask;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.sim.ari.AriFleet;
import io.codac.sim.domain.BrokenPromise;
import io.codac.sim.domain.CallRecord;
import io.codac.sim.domain.CdrQuery;
import io.codac.sim.domain.ChannelSnapshot;
import io.codac.sim.domain.InboundCall;
import io.codac.sim.domain.NumberFate;
import io.codac.sim.domain.SimSettings;
import io.codac.sim.domain.SimStats;
import io.codac.sim.domain.TelephoneNetwork;
import io.codac.sim.population.IndianMobileNumbers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
 *     sim.faults().killServer("srv1");           // and sim.faults().restartServer("srv1")
 *     sim.inboundCall("+919812345678", "+918069000001");
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class SimulatedFleet implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedFleet.class);
    private static final int SCAN_LIMIT = 10_000_000;
    private static final int RECENT_BROKEN_PROMISES = 1_000;

    private final Fleet fleet;
    private final SimSettings settings;
    private final ScenarioTime time;
    private final TelephoneNetwork network;
    private final AriFleet ari;
    private final FleetFaults faults;
    private final IndianMobileNumbers numbers;
    private final Map<String, Integer> nextIndexBySelection = new HashMap<>();
    private final Set<String> handedOut = new HashSet<>();
    private final ArrayDeque<BrokenPromise> recentBrokenPromises;

    private SimulatedFleet(Fleet fleet, SimSettings settings, ScenarioTime time, TelephoneNetwork network,
                           AriFleet ari, ArrayDeque<BrokenPromise> recentBrokenPromises) {
        this.fleet = fleet;
        this.settings = settings;
        this.time = time;
        this.network = network;
        this.ari = ari;
        this.recentBrokenPromises = recentBrokenPromises;
        this.faults = new FleetFaults(network, ari, fleet.servers().stream().map(TelephonyServer::id).toList());
        this.numbers = new IndianMobileNumbers(settings.seed());
    }

    /** Starts every server of the fleet; throws (and leaves nothing running) if any port cannot be bound. */
    public static SimulatedFleet start(Fleet fleet, SimSettings settings) {
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(settings, "settings");
        var time = new ScenarioTime(settings.speedFactor());
        var network = new TelephoneNetwork[1];
        var recent = new ArrayDeque<BrokenPromise>();
        try {
            AriFleet ari = AriFleet.start(fleet, time, sink -> network[0] = new TelephoneNetwork(fleet, settings, time,
                    time, sink, broken -> remember(recent, broken), IndianMobileNumbers.operators()));
            log.info("simulated fleet up: {} servers, {} trunks, seed {}, speed ×{}", fleet.servers().size(),
                    fleet.trunks().size(), settings.seed(), settings.speedFactor());
            return new SimulatedFleet(fleet, settings, time, network[0], ari, recent);
        } catch (RuntimeException e) {
            time.close();
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
    public List<String> numbersWithFate(NumberFate fate, int count) {
        return numbersWithFate(fate, null, count);
    }

    /**
     * Like {@link #numbersWithFate(NumberFate, int)}, from one destination operator's series only (libphonenumber's
     * name, case-insensitive: "Airtel", "Reliance Jio", "Vodafone", ...), for tests of route faults.
     */
    public synchronized List<String> numbersWithFate(NumberFate fate, String operator, int count) {
        Objects.requireNonNull(fate, "fate");
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, was " + count);
        }
        if (settings.shares().share(fate) <= 0) {
            throw new IllegalArgumentException("no number has fate " + fate + " with these shares");
        }
        String wantedOperator = operator == null || operator.isBlank() ? null : operator.trim();
        String selection = fate + "|" + (wantedOperator == null ? "" : wantedOperator.toLowerCase(Locale.ROOT));
        var found = new ArrayList<String>(count);
        int index = nextIndexBySelection.getOrDefault(selection, 0);
        int scanned = 0;
        while (found.size() < count) {
            if (++scanned > SCAN_LIMIT) {
                throw new IllegalStateException("found only " + found.size() + " numbers with fate " + fate
                        + (wantedOperator == null ? "" : " of operator " + wantedOperator));
            }
            String number = numbers.get(index++);
            if (network.fateOf(number) == fate
                    && (wantedOperator == null || wantedOperator.equalsIgnoreCase(operatorOf(number)))
                    && handedOut.add(number)) {
                found.add(number);
            }
        }
        nextIndexBySelection.put(selection, index);
        return found;
    }

    public SimStats stats() {
        return network.stats();
    }

    /** Every call attempt to (or inbound call from) {@code number} still in the records, oldest first. */
    public List<CallRecord> cdr(String number) {
        return network.cdr(number);
    }

    /** The records matching {@code query} (number, trunk, start time), the newest {@code limit}, oldest first. */
    public List<CallRecord> cdr(CdrQuery query) {
        return network.cdr(query);
    }

    /** The newest {@code limit} call records of the fleet, oldest first. */
    public List<CallRecord> latestCdr(int limit) {
        return network.latestRecords(limit);
    }

    /** The most recent originates that broke a promise (double dials), oldest first; at most 1,000 are kept. */
    public List<BrokenPromise> brokenPromises() {
        synchronized (recentBrokenPromises) {
            return List.copyOf(recentBrokenPromises);
        }
    }

    /**
     * A shopper dials one of the fleet's DIDs: the call arrives on the server that owns it, as a
     * {@code StasisStart} in the server's application (args {@code inbound,<did>}, the caller's number, the DID as
     * {@code dialplan.exten}). If the application is not connected or the server is dead, it fails at once.
     *
     * @throws IllegalArgumentException when the DID is none of the fleet's or {@code from} is not a number
     */
    public InboundCallPlaced inboundCall(String from, String did) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(did, "did");
        String canonicalDid = did.trim().startsWith("+") ? did.trim() : "+" + did.trim();
        TelephonyServer server = fleet.servers().stream().filter(s -> s.dids().contains(canonicalDid)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("DID " + canonicalDid + " is none of the fleet's "
                        + fleet.dids()));
        String app = server.ari().app();
        boolean delivered = ari.running(server.id()) && ari.listening(server.id(), app);
        ChannelSnapshot channel = network.inbound(new InboundCall(server.id(), from, canonicalDid, app, delivered));
        log.info("inbound call from {} to {} on server {}: {}", PhoneNumberMask.mask(channel.number()), canonicalDid,
                server.id(), delivered ? "in application " + app : "not delivered");
        return new InboundCallPlaced(channel.id(), server.id(), channel.trunk(), channel.number(), canonicalDid,
                delivered && !network.isDead(server.id()));
    }

    /** Faults to switch on and off while the fleet runs. */
    public FleetFaults faults() {
        return faults;
    }

    /** The operator that holds the number's series, from libphonenumber's carrier data ("" when unknown). */
    public String operatorOf(String number) {
        return IndianMobileNumbers.operatorOf(number);
    }

    /** Now, in scenario time (the time of the call records): faster than the wall clock by the speed factor. */
    public Instant now() {
        return time.instant();
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
            time.close();
        }
        log.info("simulated fleet stopped");
    }

    private static void remember(ArrayDeque<BrokenPromise> recent, BrokenPromise broken) {
        log.warn("{}: {} on server {} (channel {})", broken.kind(), PhoneNumberMask.mask(broken.number()),
                broken.serverId(), broken.channelId());
        synchronized (recent) {
            recent.addLast(broken);
            while (recent.size() > RECENT_BROKEN_PROMISES) {
                recent.pollFirst();
            }
        }
    }
}
