package io.codac.scheduler.placement.domain;

import io.codac.contracts.domain.AriEndpoint;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One placement decision of {@link RouteAwarePolicy} on a realistic fleet: 10 servers × 4 trunks of uneven
 * contracts, partly used, one server dead and one ramping back, 8 destination operators with route stats on every
 * trunk × operator (one route clearly degraded per operator), and requests that avoid a trunk half of the time.
 * Each invocation takes the next of 64 prepared (request, candidates) pairs, so the branch predictor cannot learn
 * one answer. Seeded: every run decides over the same fleet.
 *
 * <p>Run: {@code ./mvnw -B -Pbenchmark-jmh verify -pl services/scheduler} (one thread; the target is
 * 200,000 decisions per second).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RouteAwarePolicyBenchmark {

    private static final int SERVERS = 10;
    private static final int TRUNKS_PER_SERVER = 4;
    private static final int OPERATORS = 8;
    private static final int PREPARED = 64;

    private final RouteAwarePolicy policy = new RouteAwarePolicy();
    private final PlacementRequest[] requests = new PlacementRequest[PREPARED];
    private final List<List<TrunkCandidate>> candidates = new ArrayList<>();
    private int next;

    @Setup
    public void buildFleet() {
        var random = new Random(20261122);
        var trunks = new ArrayList<Trunk>();
        var servers = new ArrayList<TelephonyServer>();
        for (int s = 0; s < SERVERS; s++) {
            var own = new ArrayList<Trunk>();
            for (int t = 0; t < TRUNKS_PER_SERVER; t++) {
                int cps = 5 + random.nextInt(46);
                int channels = cps * (3 + random.nextInt(8));
                own.add(new Trunk("srv" + s + "-t" + t, "carrier" + t, s * TRUNKS_PER_SERVER + t, cps, channels));
            }
            trunks.addAll(own);
            servers.add(new TelephonyServer("srv" + s, new AriEndpoint("http://127.0.0.1:" + (8091 + s) + "/", "u", "p", "a"),
                    own, List.of()));
        }
        double[][] connectRate = new double[trunks.size()][OPERATORS];
        for (int t = 0; t < trunks.size(); t++) {
            for (int o = 0; o < OPERATORS; o++) {
                connectRate[t][o] = (t + o) % 13 == 0 ? 0.05 : 0.35 + random.nextDouble() * 0.4;
            }
        }
        for (int i = 0; i < PREPARED; i++) {
            int operator = i % OPERATORS;
            var list = new ArrayList<TrunkCandidate>(trunks.size());
            for (int t = 0; t < trunks.size(); t++) {
                Trunk trunk = trunks.get(t);
                int server = t / TRUNKS_PER_SERVER;
                boolean dead = server == 3;
                double share = server == 7 ? 0.4 : dead ? 0 : 1;
                int allowedChannels = TrunkCandidate.allowed(trunk.maxChannels(), share);
                int allowedCps = TrunkCandidate.allowed(trunk.cps(), share);
                int inUse = allowedChannels == 0 ? 0 : random.nextInt(allowedChannels + 1);
                int starts = allowedCps == 0 ? 0 : random.nextInt(allowedCps + 1);
                double attempts = 20 + random.nextInt(2000);
                double connects = attempts * connectRate[t][operator];
                double failures = attempts * (connectRate[t][operator] < 0.1 ? 0.6 : 0.02);
                list.add(new TrunkCandidate(trunk, servers.get(server), !dead, share, inUse, starts,
                        new RouteStats(attempts, connects, failures)));
            }
            candidates.add(List.copyOf(list));
            Set<String> avoid = i % 2 == 0 ? Set.of() : Set.of(trunks.get(random.nextInt(trunks.size())).id());
            requests[i] = new PlacementRequest("v" + i, "client" + (i % 5), "operator" + operator, avoid);
        }
        long placed = 0;
        for (int i = 0; i < PREPARED; i++) {
            placed += policy.choose(requests[i], candidates.get(i)) instanceof Placement ? 1 : 0;
        }
        // a fleet where nothing fits would measure the cheap way out, not a decision
        if (placed < PREPARED * 3 / 4) {
            throw new IllegalStateException("only " + placed + " of " + PREPARED + " prepared requests can be placed");
        }
    }

    @Benchmark
    public PlacementDecision choose() {
        int i = next;
        next = (i + 1) & (PREPARED - 1);
        return policy.choose(requests[i], candidates.get(i));
    }
}
