package io.codac.scheduler.fleet.domain;

import io.codac.contracts.domain.AriEndpoint;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.contracts.event.OperatorUsage;
import io.codac.contracts.event.ServerHeartbeat;
import io.codac.contracts.event.ServerState;
import io.codac.contracts.event.TrunkUsage;
import io.codac.scheduler.placement.domain.Placement;
import io.codac.scheduler.placement.domain.PlacementDecision;
import io.codac.scheduler.placement.domain.PlacementRequest;
import io.codac.scheduler.placement.domain.RouteAwarePolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The whole placement decision as the scheduler makes it: {@link FleetView#reserve} builds a candidate per trunk
 * (liveness, capacity share, this instance's use, the route's decayed stats for the number's operator) and asks the
 * route-aware policy, under the view's lock; the reservation is then cancelled so every invocation sees the same
 * fleet. 10 servers × 4 trunks of uneven contracts, route health fed from two rounds of adapter telemetry for 8
 * destination operators on every trunk (one route in thirteen degraded), half of the requests avoiding a trunk.
 *
 * <p>Run: {@code ./mvnw -B -Pbenchmark-jmh verify -pl services/scheduler} (one thread; the target is 200,000
 * decisions per second).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FleetViewReserveBenchmark {

    private static final int SERVERS = 10;
    private static final int TRUNKS_PER_SERVER = 4;
    private static final int OPERATORS = 8;
    private static final int PREPARED = 64;

    private final PlacementRequest[] requests = new PlacementRequest[PREPARED];
    private FleetView view;
    private int next;

    @Setup
    public void buildFleet() {
        var random = new Random(20261122);
        var servers = new ArrayList<TelephonyServer>();
        var trunks = new ArrayList<Trunk>();
        for (int s = 0; s < SERVERS; s++) {
            var own = new ArrayList<Trunk>();
            for (int t = 0; t < TRUNKS_PER_SERVER; t++) {
                int cps = 5 + random.nextInt(46);
                own.add(new Trunk("srv" + s + "-t" + t, "carrier" + t, s * TRUNKS_PER_SERVER + t, cps,
                        cps * (3 + random.nextInt(8))));
            }
            trunks.addAll(own);
            servers.add(new TelephonyServer("srv" + s, new AriEndpoint("http://127.0.0.1:" + (8091 + s) + "/", "u",
                    "p", "a"), own, List.of()));
        }
        Instant start = Instant.parse("2026-11-22T12:00:00Z");
        view = new FleetView(new Fleet(servers), new RouteAwarePolicy(), Clock.fixed(start.plusSeconds(1),
                ZoneOffset.UTC), LivenessSettings.DEFAULTS, Duration.ofSeconds(60));
        for (int round = 0; round < 2; round++) {
            for (TelephonyServer server : servers) {
                var usage = new ArrayList<TrunkUsage>();
                for (Trunk trunk : server.trunks()) {
                    var operators = new ArrayList<OperatorUsage>();
                    for (int o = 0; o < OPERATORS; o++) {
                        long attempts = round == 0 ? 0 : 20 + random.nextInt(2000);
                        double rate = (trunk.partition() + o) % 13 == 0 ? 0.05 : 0.35 + random.nextDouble() * 0.4;
                        operators.add(new OperatorUsage("operator" + o, attempts, (long) (attempts * rate),
                                (long) (attempts * (rate < 0.1 ? 0.6 : 0.02))));
                    }
                    usage.add(new TrunkUsage(trunk.id(), 0, trunk.maxChannels(), 0, trunk.cps(), 0, 0, 0, 0,
                            operators));
                }
                view.heartbeatReceived(new ServerHeartbeat("hb", start.plusMillis(500L * round), server.id(),
                        ServerState.UP, usage));
            }
        }
        for (int i = 0; i < PREPARED; i++) {
            Set<String> avoid = i % 2 == 0 ? Set.of() : Set.of(trunks.get(random.nextInt(trunks.size())).id());
            requests[i] = new PlacementRequest("v" + i, "client" + (i % 5), "operator" + (i % OPERATORS), avoid);
        }
        if (!(view.reserve("probe", requests[0]) instanceof Placement probe)) {
            throw new IllegalStateException("the benchmark fleet places nothing: it would measure the cheap way out");
        }
        view.cancel(probe, "probe");
    }

    @Benchmark
    public PlacementDecision reserveAndCancel() {
        int i = next;
        next = (i + 1) & (PREPARED - 1);
        PlacementDecision decision = view.reserve("attempt", requests[i]);
        if (decision instanceof Placement placement) {
            view.cancel(placement, "attempt");
        }
        return decision;
    }
}
