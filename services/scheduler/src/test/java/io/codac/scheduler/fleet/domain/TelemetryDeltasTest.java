package io.codac.scheduler.fleet.domain;

import io.codac.contracts.event.OperatorUsage;
import io.codac.contracts.event.ServerHeartbeat;
import io.codac.contracts.event.ServerState;
import io.codac.contracts.event.TrunkUsage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryDeltasTest {

    private final Instant t0 = Instant.parse("2026-11-22T12:00:00Z");
    private final TelemetryDeltas deltas = new TelemetryDeltas();

    static ServerHeartbeat heartbeat(String server, Instant at, TrunkUsage... trunks) {
        return new ServerHeartbeat("e-" + at.toEpochMilli(), at, server, ServerState.UP, Arrays.asList(trunks));
    }

    static TrunkUsage trunk(String id, OperatorUsage... operators) {
        return new TrunkUsage(id, 0, 10, 0, 10, 0, 0, 0, 0, Arrays.asList(operators));
    }

    static OperatorUsage op(String operator, long attempts, long connects, long routeFailures) {
        return new OperatorUsage(operator, attempts, connects, routeFailures);
    }

    private List<RouteDelta> at(long seconds, TrunkUsage... trunks) {
        Instant at = t0.plusSeconds(seconds);
        return deltas.deltas(heartbeat("srv1", at, trunks), at);
    }

    @Test
    void theFirstHeartbeatOfAnAdapterSeenMidLifeGivesNoDelta() {
        assertThat(at(0, trunk("t1", op("A", 500, 300, 20)))).isEmpty();
    }

    @Test
    void laterHeartbeatsGiveTheDifference() {
        at(0, trunk("t1", op("A", 500, 300, 20), op("B", 10, 5, 0)));

        assertThat(at(1, trunk("t1", op("A", 510, 304, 21), op("B", 10, 5, 0))))
                .containsExactly(new RouteDelta("srv1", "t1", "A", 10, 4, 1));
    }

    @Test
    void aRouteAppearingAfterTheFirstHeartbeatIsNewInItsWhole() {
        at(0, trunk("t1", op("A", 5, 5, 0)));

        assertThat(at(1, trunk("t1", op("A", 5, 5, 0), op("B", 3, 1, 2)), trunk("t2", op("A", 2, 2, 0))))
                .containsExactlyInAnyOrder(new RouteDelta("srv1", "t1", "B", 3, 1, 2),
                        new RouteDelta("srv1", "t2", "A", 2, 2, 0));
    }

    @Test
    void aCounterGoingDownMeansTheAdapterRestartedAndEveryRouteCountsFromZero() {
        at(0, trunk("t1", op("A", 500, 300, 20), op("B", 2, 1, 0)));

        // A went down: a restart. B grew past its old value, but it too restarted: all of it is new
        assertThat(at(1, trunk("t1", op("A", 4, 2, 1), op("B", 3, 2, 0))))
                .containsExactlyInAnyOrder(new RouteDelta("srv1", "t1", "A", 4, 2, 1),
                        new RouteDelta("srv1", "t1", "B", 3, 2, 0));
        assertThat(at(2, trunk("t1", op("A", 6, 2, 1), op("B", 3, 2, 0))))
                .containsExactly(new RouteDelta("srv1", "t1", "A", 2, 0, 0));
    }

    @Test
    void noDeltaIsEverNegative() {
        at(0, trunk("t1", op("A", 10, 10, 10)));

        assertThat(at(1, trunk("t1", op("A", 11, 0, 0)))).allSatisfy(delta -> {
            assertThat(delta.attempts()).isNotNegative();
            assertThat(delta.connects()).isNotNegative();
            assertThat(delta.routeFailures()).isNotNegative();
        });
    }

    @Test
    void aLateOrRepeatedHeartbeatIsIgnoredAndDoesNotLookLikeARestart() {
        at(0, trunk("t1", op("A", 10, 5, 0)));
        at(2, trunk("t1", op("A", 20, 9, 0)));

        assertThat(at(1, trunk("t1", op("A", 15, 7, 0)))).isEmpty();
        assertThat(at(2, trunk("t1", op("A", 20, 9, 0)))).isEmpty();
        assertThat(at(3, trunk("t1", op("A", 21, 9, 0)))).containsExactly(new RouteDelta("srv1", "t1", "A", 1, 0, 0));
    }

    @Test
    void routesThatDidNothingGiveNoDelta() {
        at(0, trunk("t1", op("A", 10, 5, 0)));

        assertThat(at(1, trunk("t1", op("A", 10, 5, 0)))).isEmpty();
    }

    @Test
    void serversAreCountedApart() {
        deltas.deltas(heartbeat("srv1", t0, trunk("t1", op("A", 10, 5, 0))), t0);
        deltas.deltas(heartbeat("srv2", t0, trunk("t2", op("A", 90, 50, 0))), t0);

        Instant later = t0.plusSeconds(1);
        assertThat(deltas.deltas(heartbeat("srv2", later, trunk("t2", op("A", 91, 50, 0))), later))
                .containsExactly(new RouteDelta("srv2", "t2", "A", 1, 0, 0));
    }

    @Test
    void theUnknownOperatorIsOneRouteWhateverItIsCalled() {
        at(0, trunk("t1", op("unknown", 1, 0, 0)));

        assertThat(at(1, trunk("t1", op("unknown", 3, 1, 0), op("", 2, 2, 0))))
                .containsExactly(new RouteDelta("srv1", "t1", "", 4, 3, 0));
    }

    @Test
    void heartbeatsWithoutOperatorsGiveNothing() {
        at(0, trunk("t1"));

        assertThat(at(1, trunk("t1"))).isEmpty();
    }
}
