package io.codac.scheduler.fleet.domain;

import io.codac.contracts.event.OperatorUsage;
import io.codac.contracts.event.ServerHeartbeat;
import io.codac.contracts.event.ServerState;
import io.codac.contracts.event.TrunkUsage;
import io.codac.scheduler.capacity.domain.Acquisition;
import io.codac.scheduler.capacity.domain.TrunkUse;
import io.codac.scheduler.placement.domain.NaiveRoundRobinPolicy;
import io.codac.scheduler.placement.domain.NoPlacement;
import io.codac.scheduler.placement.domain.NoPlacementReason;
import io.codac.scheduler.placement.domain.Placement;
import io.codac.scheduler.placement.domain.PlacementDecision;
import io.codac.scheduler.placement.domain.PlacementPolicy;
import io.codac.scheduler.placement.domain.PlacementRequest;
import io.codac.scheduler.placement.domain.RoundRobinPolicy;
import io.codac.scheduler.placement.domain.RouteAwarePolicy;
import io.codac.scheduler.placement.domain.RouteStats;
import io.codac.scheduler.testing.TestFleet;
import io.codac.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.codac.scheduler.testing.TestFleet.trunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FleetViewTest {

    private final MutableClock clock = MutableClock.atNoon();

    private FleetView view(TestFleet fleet) {
        return view(fleet, new RouteAwarePolicy());
    }

    private FleetView view(TestFleet fleet, PlacementPolicy policy) {
        return new FleetView(fleet.build(), policy, clock, LivenessSettings.DEFAULTS, Duration.ofSeconds(60));
    }

    private FleetView oneServerOneTrunk(int cps, int channels) {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", cps, channels)));
        view.heartbeatReceived("srv1", ServerState.UP, clock.instant());
        return view;
    }

    private void up(FleetView view, String... servers) {
        for (String server : servers) {
            view.heartbeatReceived(server, ServerState.UP, clock.instant());
        }
    }

    /** Time passes with srv1 beating every 500 ms, as its adapter does. */
    private void beatingFor(FleetView view, Duration duration) {
        for (long waited = 0; waited < duration.toMillis(); waited += 500) {
            clock.advance(Duration.ofMillis(500));
            up(view, "srv1");
        }
    }

    private static String trunkOf(PlacementDecision decision) {
        assertThat(decision).isInstanceOf(Placement.class);
        return ((Placement) decision).trunk().id();
    }

    private static PlacementRequest toOperator(String operator) {
        return new PlacementRequest("v", "c", operator, Set.of());
    }

    private ServerHeartbeat telemetry(String server, String trunk, OperatorUsage... operators) {
        return new ServerHeartbeat("e", clock.instant(), server, ServerState.UP,
                List.of(new TrunkUsage(trunk, 0, 10, 0, 10, 0, 0, 0, 0, List.of(operators))));
    }

    @Test
    void aServerNeverHeardFromIsNotPlaceable() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 10, 10)));

        assertThat(view.isPlaceable("srv1")).isFalse();
        assertThat(view.condition("srv1")).isEqualTo(ServerCondition.UNKNOWN);
        assertThat(view.reserve("a1", Set.of())).isEqualTo(new NoPlacement(NoPlacementReason.NO_LIVE_SERVER));
    }

    @Test
    void aSuspectServerGetsNoNewWorkAndADeadOneNeither() {
        FleetView view = oneServerOneTrunk(10, 10);

        clock.advance(Duration.ofMillis(1000));
        assertThat(view.isPlaceable("srv1")).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(view.condition("srv1")).isEqualTo(ServerCondition.SUSPECT);
        assertThat(view.reserve("a1", Set.of())).isEqualTo(new NoPlacement(NoPlacementReason.NO_LIVE_SERVER));
        clock.advance(Duration.ofMillis(500));
        assertThat(view.condition("srv1")).isEqualTo(ServerCondition.DEAD);
        assertThat(view.reserve("a1", Set.of())).isEqualTo(new NoPlacement(NoPlacementReason.NO_LIVE_SERVER));
    }

    @Test
    void aDrainingServerGetsNoNewWork() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 10, 10)));
        view.heartbeatReceived("srv1", ServerState.DRAINING, clock.instant());

        assertThat(view.isPlaceable("srv1")).isFalse();
        assertThat(view.reserve("a1", Set.of())).isEqualTo(new NoPlacement(NoPlacementReason.NO_LIVE_SERVER));
    }

    @Test
    void aHeartbeatArrivingLateDoesNotOverrideANewerOne() {
        FleetView view = oneServerOneTrunk(10, 10);
        var upAt = clock.instant();
        clock.advance(Duration.ofMillis(500));
        view.heartbeatReceived("srv1", ServerState.DRAINING, clock.instant());
        view.heartbeatReceived("srv1", ServerState.UP, upAt);

        assertThat(view.isPlaceable("srv1")).isFalse();
    }

    @Test
    void heartbeatsOfUnknownServersAndIncompleteHeartbeatsAreIgnored() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 10, 10)));
        view.heartbeatReceived("ghost", ServerState.UP, clock.instant());
        view.heartbeatReceived("srv1", null, clock.instant());
        view.heartbeatReceived("srv1", ServerState.UP, null);
        view.heartbeatReceived(null);

        assertThat(view.isPlaceable("ghost")).isFalse();
        assertThat(view.isPlaceable("srv1")).isFalse();
    }

    @Test
    void aDeadServersTrunksAreNeverChosen() {
        FleetView view = view(TestFleet.builder()
                .server("srv1", trunk("t1", 10, 10))
                .server("srv2", trunk("t2", 10, 10)));
        up(view, "srv1", "srv2");
        clock.advance(Duration.ofMillis(1400));
        up(view, "srv2");
        clock.advance(Duration.ofMillis(200));

        for (int i = 0; i < 5; i++) {
            assertThat(trunkOf(view.reserve("a" + i, Set.of()))).isEqualTo("t2");
        }
    }

    @Test
    void reservingNeverGoesBeyondATrunksChannels() {
        FleetView view = oneServerOneTrunk(1000, 3);

        for (int i = 0; i < 3; i++) {
            assertThat(view.reserve("a" + i, Set.of())).isInstanceOf(Placement.class);
        }
        assertThat(view.reserve("a3", Set.of())).isEqualTo(new NoPlacement(NoPlacementReason.CHANNELS_FULL));
    }

    @Test
    void anEndedAttemptFreesItsChannel() {
        FleetView view = oneServerOneTrunk(1000, 1);
        view.reserve("a1", Set.of());

        view.attemptEnded("t1", "a1");

        assertThat(view.reserve("a2", Set.of())).isInstanceOf(Placement.class);
    }

    @Test
    void endingAnAttemptTwiceOrAnUnknownOneFreesNothingExtra() {
        FleetView view = oneServerOneTrunk(1000, 2);
        view.reserve("a1", Set.of());
        view.reserve("a2", Set.of());

        view.attemptEnded("t1", "a1");
        view.attemptEnded("t1", "a1");
        view.attemptEnded("t1", "never-placed");
        view.attemptEnded("no-such-trunk", "a2");

        assertThat(view.headroom().getFirst().inFlight()).isEqualTo(1);
    }

    @Test
    void reservingNeverGoesBeyondATrunksCpsWithinASlidingSecond() {
        FleetView view = oneServerOneTrunk(2, 100);
        view.reserve("a1", Set.of());
        clock.advance(Duration.ofMillis(600));
        up(view, "srv1");
        view.reserve("a2", Set.of());

        assertThat(view.reserve("a3", Set.of())).isEqualTo(new NoPlacement(NoPlacementReason.CPS_LIMIT));
        // 1 s after the first dispatch one slot is free again, not two: the window slides, it does not reset
        clock.advance(Duration.ofMillis(400));
        assertThat(view.reserve("a3", Set.of())).isInstanceOf(Placement.class);
        assertThat(view.reserve("a4", Set.of())).isEqualTo(new NoPlacement(NoPlacementReason.CPS_LIMIT));
    }

    @Test
    void anEndedAttemptStillCountsAgainstTheCpsWindow() {
        FleetView view = oneServerOneTrunk(1, 100);
        view.reserve("a1", Set.of());
        view.attemptEnded("t1", "a1");

        assertThat(view.reserve("a2", Set.of())).isEqualTo(new NoPlacement(NoPlacementReason.CPS_LIMIT));
    }

    @Test
    void aCancelledReservationFreesBothItsChannelAndItsCpsSlot() {
        FleetView view = oneServerOneTrunk(1, 1);
        var placement = (Placement) view.reserve("a1", Set.of());

        view.cancel(placement, "a1");

        assertThat(view.reserve("a2", Set.of())).isInstanceOf(Placement.class);
    }

    @Test
    void attemptsRestoredFromTheLedgerOccupyChannelsButNoCpsSlot() {
        FleetView view = oneServerOneTrunk(1, 2);
        view.restoreInFlight("t1", "old1");
        view.restoreInFlight("unknown-trunk", "old2");

        TrunkSnapshot t1 = view.headroom().getFirst();
        assertThat(t1.inFlight()).isEqualTo(1);
        assertThat(t1.startsLastSecond()).isZero();
        assertThat(view.reserve("a1", Set.of())).isInstanceOf(Placement.class);
        assertThat(view.reserve("a2", Set.of())).isEqualTo(new NoPlacement(NoPlacementReason.CHANNELS_FULL));
    }

    @Test
    void loadIsSpreadByFreeFraction() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 1000, 4), trunk("t2", 1000, 4)));
        up(view, "srv1");

        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            chosen.add(trunkOf(view.reserve("a" + i, Set.of())));
        }

        assertThat(chosen).containsExactly("t1", "t2", "t1", "t2", "t1", "t2", "t1", "t2");
    }

    @Test
    void triedTrunksAreAvoidedThroughTheOldSignature() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 10, 10)).server("srv2", trunk("t2", 10, 1)));
        up(view, "srv1", "srv2");

        assertThat(trunkOf(view.reserve("a1", Set.of("t1")))).isEqualTo("t2");
    }

    @Test
    void routeHealthFromHeartbeatsSteersANumberToTheRouteThatConnectsForItsOperator() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 100, 10), trunk("t2", 100, 10)));
        view.heartbeatReceived(new ServerHeartbeat("e0", clock.instant(), "srv1", ServerState.UP, List.of(
                new TrunkUsage("t1", 0, 10, 0, 100, 0, 0, 0, 0, List.of(new OperatorUsage("Vodafone", 0, 0, 0))),
                new TrunkUsage("t2", 0, 10, 0, 100, 0, 0, 0, 0, List.of(new OperatorUsage("Vodafone", 0, 0, 0))))));
        clock.advance(Duration.ofMillis(500));
        view.heartbeatReceived(new ServerHeartbeat("e1", clock.instant(), "srv1", ServerState.UP, List.of(
                new TrunkUsage("t1", 0, 10, 0, 100, 0, 0, 0, 0, List.of(new OperatorUsage("Vodafone", 200, 20, 150))),
                new TrunkUsage("t2", 0, 10, 0, 100, 0, 0, 0, 0, List.of(new OperatorUsage("Vodafone", 200, 160, 2))))));

        for (int i = 0; i < 5; i++) {
            assertThat(trunkOf(view.reserve("a" + i, toOperator("Vodafone")))).isEqualTo("t2");
        }
        assertThat(view.snapshot().routes()).extracting(RouteSnapshot::trunkId, RouteSnapshot::operator)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("t1", "Vodafone"),
                        org.assertj.core.groups.Tuple.tuple("t2", "Vodafone"));
    }

    @Test
    void theFirstHeartbeatsCountersAreNotTakenAsRecent() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 100, 10)));
        view.heartbeatReceived(telemetry("srv1", "t1", new OperatorUsage("A", 5000, 10, 4000)));

        assertThat(view.snapshot().routes()).isEmpty();
    }

    @Test
    void countersOfATrunkThatIsNotTheServersAreIgnored() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 100, 10)).server("srv2", trunk("t2", 100, 10)));
        view.heartbeatReceived(telemetry("srv1", "t2", new OperatorUsage("A", 0, 0, 0)));
        clock.advance(Duration.ofMillis(500));
        view.heartbeatReceived(telemetry("srv1", "t2", new OperatorUsage("A", 50, 10, 0)));

        assertThat(view.snapshot().routes()).isEmpty();
    }

    @Test
    void theViewRunsWhicheverPolicyItIsGiven() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 100, 10), trunk("t2", 100, 10)),
                new RoundRobinPolicy());
        up(view, "srv1");

        // round robin does not avoid the tried trunk
        assertThat(trunkOf(view.reserve("a1", Set.of("t1")))).isEqualTo("t1");
        assertThat(trunkOf(view.reserve("a2", Set.of("t2")))).isEqualTo("t2");
    }

    @Test
    void transitionsReportEachDeathAndReturnOnce() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 10, 10)).server("srv2", trunk("t2", 10, 10)));
        up(view, "srv1", "srv2");
        clock.advance(Duration.ofMillis(1000));
        up(view, "srv2");
        clock.advance(Duration.ofMillis(501));

        assertThat(view.transitions()).isEqualTo(new LivenessTransitions(List.of("srv1"), List.of()));
        assertThat(view.transitions().isEmpty()).isTrue();

        up(view, "srv1", "srv2");
        assertThat(view.transitions()).isEqualTo(new LivenessTransitions(List.of(), List.of("srv1")));
    }

    @Test
    void aServerBackFromTheDeadIsDrainedIntoUseGradually() {
        FleetView view = oneServerOneTrunk(100, 20);
        clock.advance(Duration.ofSeconds(5));
        up(view, "srv1"); // back: 10 % of 20 channels

        assertThat(view.reserve("a1", Set.of())).isInstanceOf(Placement.class);
        assertThat(view.reserve("a2", Set.of())).isInstanceOf(Placement.class);
        assertThat(view.reserve("a3", Set.of())).isEqualTo(new NoPlacement(NoPlacementReason.CHANNELS_FULL));
        assertThat(view.snapshot().servers().getFirst().capacityShare()).isCloseTo(0.1, within(1e-9));

        beatingFor(view, Duration.ofSeconds(15)); // half-way: 55 % → 11 channels
        assertThat(view.headroom().getFirst().allowedChannels()).isEqualTo(11);

        beatingFor(view, Duration.ofSeconds(15));
        assertThat(view.headroom().getFirst().allowedChannels()).isEqualTo(20);
    }

    @Test
    void hasHeadroomWhileSomeLiveTrunkCanTakeOneMore() {
        FleetView view = oneServerOneTrunk(10, 1);
        assertThat(view.hasHeadroom()).isTrue();

        view.reserve("a1", Set.of());
        assertThat(view.hasHeadroom()).isFalse();

        view.attemptEnded("t1", "a1");
        assertThat(view.hasHeadroom()).isTrue();

        clock.advance(Duration.ofSeconds(2));
        assertThat(view.hasHeadroom()).isFalse();
    }

    @Test
    void forTheNaiveBaselineALiveServerAlwaysHasRoomAndItsTrunksAreFilledBeyondTheirContract() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 1, 1)), new NaiveRoundRobinPolicy());
        up(view, "srv1");

        assertThat(view.reserve("a1", Set.of())).isInstanceOf(Placement.class);
        assertThat(view.reserve("a2", Set.of())).isInstanceOf(Placement.class);
        assertThat(view.freeStarts()).isEqualTo(Integer.MAX_VALUE);
        assertThat(view.hasHeadroom()).isTrue();

        clock.advance(Duration.ofSeconds(2)); // silent: dead
        assertThat(view.freeStarts()).isZero();
        assertThat(view.hasHeadroom()).isFalse();
        assertThat(view.reserve("a3", Set.of())).isEqualTo(new NoPlacement(NoPlacementReason.NO_LIVE_SERVER));
    }

    @Test
    void theSnapshotShowsServersTrunksAndRoutesAtOneInstant() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 10, 4)).server("srv2", trunk("t2", 5, 2)));
        view.heartbeatReceived(telemetry("srv1", "t1", new OperatorUsage("A", 0, 0, 0)));
        view.reserve("a1", Set.of());
        clock.advance(Duration.ofMillis(500));
        view.heartbeatReceived(telemetry("srv1", "t1", new OperatorUsage("A", 10, 4, 1)));

        FleetSnapshot snapshot = view.snapshot();

        assertThat(snapshot.at()).isEqualTo(clock.instant());
        assertThat(snapshot.servers()).containsExactly(
                new ServerSnapshot("srv1", ServerCondition.UP, 1.0, clock.instant(), false),
                new ServerSnapshot("srv2", ServerCondition.UNKNOWN, 0.0, null, false));
        assertThat(snapshot.trunks()).containsExactly(
                new TrunkSnapshot("t1", "srv1", 4, 10, 4, 10, 1, 1, 0, 0),
                new TrunkSnapshot("t2", "srv2", 2, 5, 0, 0, 0, 0, 0, 0));
        assertThat(snapshot.routes()).containsExactly(new RouteSnapshot("t1", "A", 10, 0.4, 0.1));
    }

    @Test
    void aServerDrainedByAnOperatorGetsNoNewWorkWhateverItsHeartbeatsSay() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 10, 4)).server("srv2", trunk("t2", 10, 4)));
        view.heartbeatReceived("srv1", ServerState.UP, clock.instant());
        view.heartbeatReceived("srv2", ServerState.UP, clock.instant());

        view.operatorDrains(Set.of("srv1"));

        for (int i = 0; i < 4; i++) {
            assertThat(view.reserve("a" + i, Set.of())).isInstanceOfSatisfying(Placement.class,
                    placement -> assertThat(placement.server().id()).isEqualTo("srv2"));
        }
        assertThat(view.reserve("a4", Set.of())).isInstanceOf(NoPlacement.class);
        assertThat(view.isPlaceable("srv1")).isFalse();
        assertThat(view.snapshot().servers().getFirst().drainedByOperator()).isTrue();
        assertThat(view.snapshot().servers().getFirst().capacityShare()).isZero();

        view.operatorDrains(Set.of());
        assertThat(view.reserve("a5", Set.of())).isInstanceOfSatisfying(Placement.class,
                placement -> assertThat(placement.server().id()).isEqualTo("srv1"));
    }

    @Test
    void otherInstancesUseFromTheSharedLedgerCountsUntilItsReadingIsStale() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 10, 2)));
        view.heartbeatReceived("srv1", ServerState.UP, clock.instant());

        view.sharedUse(Map.of("t1", new TrunkUse(2, 2)));
        assertThat(view.reserve("a1", Set.of())).isInstanceOf(NoPlacement.class);
        assertThat(view.snapshot().trunks().getFirst().fleetChannelsHeld()).isEqualTo(2);

        clock.advance(FleetView.SHARED_USE_MAX_AGE.plusMillis(1));
        view.heartbeatReceived("srv1", ServerState.UP, clock.instant());
        assertThat(view.reserve("a2", Set.of())).isInstanceOf(Placement.class);
    }

    @Test
    void startsOfTheSharedReadingLeaveTheCpsWindowBetweenReadingsWhenTheReadingSaidSo() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 2, 10)));
        view.heartbeatReceived("srv1", ServerState.UP, clock.instant());
        view.sharedUse(Map.of("t1", TrunkUse.withStartsLeavingIn(0,
                List.of(Duration.ofMillis(300), Duration.ofMillis(700)))));
        assertThat(view.reserve("a1", Set.of())).isInstanceOf(NoPlacement.class);

        clock.advance(Duration.ofMillis(299));
        assertThat(view.reserve("a2", Set.of())).isInstanceOf(NoPlacement.class);
        clock.advance(Duration.ofMillis(1));
        assertThat(view.reserve("a3", Set.of())).isInstanceOf(Placement.class);

        clock.advance(Duration.ofMillis(400)); // the reading's last start left; this instance's own one (a3) counts
        assertThat(view.reserve("a5", Set.of())).isInstanceOf(Placement.class);
        assertThat(view.reserve("a6", Set.of())).isInstanceOf(NoPlacement.class);
    }

    @Test
    void startsOfASharedReadingWithoutTheirTimesCountUntilTheNextReading() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 2, 10)));
        view.heartbeatReceived("srv1", ServerState.UP, clock.instant());
        view.sharedUse(Map.of("t1", new TrunkUse(0, 2)));

        clock.advance(Duration.ofMillis(1_500));
        view.heartbeatReceived("srv1", ServerState.UP, clock.instant());
        assertThat(view.reserve("a1", Set.of())).isInstanceOf(NoPlacement.class);
    }

    @Test
    void aRefusalOfTheSharedLedgerFillsTheTrunkUntilTheNextReading() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 10, 2)).server("srv2", trunk("t2", 10, 2)));
        view.heartbeatReceived("srv1", ServerState.UP, clock.instant());
        view.heartbeatReceived("srv2", ServerState.UP, clock.instant());

        view.sharedRefusal("t1", Acquisition.CHANNELS_FULL);

        assertThat(view.reserve("a1", Set.of())).isInstanceOfSatisfying(Placement.class,
                placement -> assertThat(placement.trunk().id()).isEqualTo("t2"));
        view.sharedUse(Map.of());
        assertThat(view.reserve("a2", Set.of())).isInstanceOfSatisfying(Placement.class,
                placement -> assertThat(placement.trunk().id()).isEqualTo("t1"));
    }

    @Test
    void theSingleTimeoutConstructorKeepsTheLivenessRuleOfBefore() {
        FleetView view = new FleetView(TestFleet.builder().server("srv1", trunk("t1", 10, 10)).build(),
                new RouteAwarePolicy(), clock, Duration.ofSeconds(2));
        up(view, "srv1");

        clock.advance(Duration.ofSeconds(2));
        assertThat(view.isPlaceable("srv1")).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(view.isPlaceable("srv1")).isFalse();
        clock.advance(Duration.ofSeconds(5));
        up(view, "srv1");
        assertThat(view.headroom().getFirst().allowedChannels()).as("no ramp-up").isEqualTo(10);
    }

    @Test
    void concurrentReservationsNeverExceedATrunk() throws Exception {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 1000, 7), trunk("t2", 1000, 5)));
        up(view, "srv1");
        var placed = new ConcurrentHashMap<String, AtomicInteger>();
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(4);
        for (int thread = 0; thread < 4; thread++) {
            int t = thread;
            pool.submit(() -> {
                start.await();
                for (int i = 0; i < 50; i++) {
                    if (view.reserve("a" + t + "-" + i, Set.of()) instanceof Placement p) {
                        placed.computeIfAbsent(p.trunk().id(), k -> new AtomicInteger()).incrementAndGet();
                    }
                    if (t == 0) {
                        view.heartbeatReceived(telemetry("srv1", "t1", new OperatorUsage("A", i, i / 2, 0)));
                    }
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(placed.get("t1").get()).isEqualTo(7);
        assertThat(placed.get("t2").get()).isEqualTo(5);
    }

    @Test
    void anUnknownOperatorReadsTheUnknownRoute() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 100, 10)));
        view.heartbeatReceived(telemetry("srv1", "t1", new OperatorUsage("unknown", 0, 0, 0)));
        clock.advance(Duration.ofMillis(500));
        view.heartbeatReceived(telemetry("srv1", "t1", new OperatorUsage("unknown", 8, 2, 0)));

        assertThat(view.snapshot().routes()).containsExactly(
                new RouteSnapshot("t1", RouteStats.UNKNOWN_OPERATOR, 8, 0.25, 0));
    }
}
