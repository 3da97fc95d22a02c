package io.codac.scheduler.fleet.domain;

import io.codac.contracts.event.ServerState;
import io.codac.scheduler.placement.domain.NoPlacement;
import io.codac.scheduler.placement.domain.NoPlacementReason;
import io.codac.scheduler.placement.domain.Placement;
import io.codac.scheduler.placement.domain.PlacementDecision;
import io.codac.scheduler.placement.domain.PlacementPolicy;
import io.codac.scheduler.placement.domain.TrunkHeadroom;
import io.codac.testsupport.MutableClock;
import io.codac.scheduler.testing.TestFleet;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.codac.scheduler.testing.TestFleet.trunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FleetViewTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final MutableClock clock = MutableClock.atNoon();

    private FleetView view(TestFleet fleet) {
        return new FleetView(fleet.build(), new PlacementPolicy(), clock, TIMEOUT);
    }

    private FleetView oneServerOneTrunk(int cps, int channels) {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", cps, channels)));
        view.heartbeatReceived("srv1", ServerState.UP, clock.instant());
        return view;
    }

    private static String trunkOf(PlacementDecision decision) {
        assertThat(decision).isInstanceOf(Placement.class);
        return ((Placement) decision).trunk().id();
    }

    @Test
    void aServerNeverHeardFromIsNotPlaceable() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 10, 10)));

        assertThat(view.isPlaceable("srv1")).isFalse();
        assertThat(view.reserve("a1", Set.of())).isEqualTo(new NoPlacement(NoPlacementReason.NO_LIVE_SERVER));
    }

    @Test
    void aServerIsPlaceableWhileItsLastUpHeartbeatIsYoungerThanTheTimeout() {
        FleetView view = oneServerOneTrunk(10, 10);

        clock.advance(TIMEOUT.minusMillis(1));
        assertThat(view.isPlaceable("srv1")).isTrue();

        clock.advance(Duration.ofMillis(1));
        assertThat(view.isPlaceable("srv1")).isFalse();
    }

    @Test
    void aDrainingServerGetsNoNewWork() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 10, 10)));
        view.heartbeatReceived("srv1", ServerState.DRAINING, clock.instant());

        assertThat(view.isPlaceable("srv1")).isFalse();
    }

    @Test
    void aServerWhoseAriIsDownGetsNoNewWork() {
        FleetView view = oneServerOneTrunk(10, 10);
        clock.advance(Duration.ofMillis(100));
        view.heartbeatReceived("srv1", ServerState.ARI_DOWN, clock.instant());

        assertThat(view.isPlaceable("srv1")).isFalse();
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
    void anOldHeartbeatReplayedLateCannotMakeADeadServerLookAlive() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 10, 10)));
        var longAgo = clock.instant().minus(Duration.ofMinutes(5));
        view.heartbeatReceived("srv1", ServerState.UP, longAgo);

        assertThat(view.isPlaceable("srv1")).isFalse();
    }

    @Test
    void aHeartbeatFromTheFutureCountsAsNowAndStillExpires() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 10, 10)));
        view.heartbeatReceived("srv1", ServerState.UP, clock.instant().plus(Duration.ofHours(1)));

        assertThat(view.isPlaceable("srv1")).isTrue();
        clock.advance(TIMEOUT);
        assertThat(view.isPlaceable("srv1")).isFalse();
    }

    @Test
    void heartbeatsOfUnknownServersAndIncompleteHeartbeatsAreIgnored() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 10, 10)));
        view.heartbeatReceived("ghost", ServerState.UP, clock.instant());
        view.heartbeatReceived("srv1", null, clock.instant());
        view.heartbeatReceived("srv1", ServerState.UP, null);

        assertThat(view.isPlaceable("ghost")).isFalse();
        assertThat(view.isPlaceable("srv1")).isFalse();
    }

    @Test
    void onlyTrunksOfLiveServersAreUsed() {
        FleetView view = view(TestFleet.builder()
                .server("srv1", trunk("t1", 10, 10))
                .server("srv2", trunk("t2", 10, 10)));
        view.heartbeatReceived("srv2", ServerState.UP, clock.instant());

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

        TrunkHeadroom t1 = view.headroom().getFirst();
        assertThat(t1.inFlight()).isEqualTo(1);
        assertThat(t1.dispatchesLastSecond()).isZero();
        assertThat(view.reserve("a1", Set.of())).isInstanceOf(Placement.class);
        assertThat(view.reserve("a2", Set.of())).isEqualTo(new NoPlacement(NoPlacementReason.CHANNELS_FULL));
    }

    @Test
    void loadIsSpreadByFreeChannelFraction() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 1000, 4), trunk("t2", 1000, 4)));
        view.heartbeatReceived("srv1", ServerState.UP, clock.instant());

        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            chosen.add(trunkOf(view.reserve("a" + i, Set.of())));
        }

        assertThat(chosen).containsExactly("t1", "t2", "t1", "t2", "t1", "t2", "t1", "t2");
    }

    @Test
    void triedTrunksAreAvoidedThroughTheView() {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 10, 10)).server("srv2", trunk("t2", 10, 1)));
        view.heartbeatReceived("srv1", ServerState.UP, clock.instant());
        view.heartbeatReceived("srv2", ServerState.UP, clock.instant());

        assertThat(trunkOf(view.reserve("a1", Set.of("t1")))).isEqualTo("t2");
    }

    @Test
    void hasHeadroomWhileSomeLiveTrunkCanTakeOneMore() {
        FleetView view = oneServerOneTrunk(10, 1);
        assertThat(view.hasHeadroom()).isTrue();

        view.reserve("a1", Set.of());
        assertThat(view.hasHeadroom()).isFalse();

        view.attemptEnded("t1", "a1");
        assertThat(view.hasHeadroom()).isTrue();

        clock.advance(TIMEOUT);
        assertThat(view.hasHeadroom()).isFalse();
    }

    @Test
    void concurrentReservationsNeverExceedATrunk() throws Exception {
        FleetView view = view(TestFleet.builder().server("srv1", trunk("t1", 1000, 7), trunk("t2", 1000, 5)));
        view.heartbeatReceived("srv1", ServerState.UP, clock.instant());
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
    void aNonPositiveHeartbeatTimeoutIsRefused() {
        assertThatThrownBy(() -> new FleetView(TestFleet.builder().server("srv1", trunk("t1", 1, 1)).build(),
                new PlacementPolicy(), clock, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
