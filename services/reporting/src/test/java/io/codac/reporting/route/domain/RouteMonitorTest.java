package io.codac.reporting.route.domain;

import io.codac.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteMonitorTest {

    private final MutableClock clock = MutableClock.atNoon();
    private final RouteMonitor monitor = new RouteMonitor(new Route("srv1-t1", "Orange"), RoutePolicy.DEFAULT);
    /** Calls so far: the connected pattern runs on across calls of {@link #traffic}. */
    private int n;

    /** {@code calls} calls a second for {@code seconds}, {@code connectedOutOfTen} of every ten connected. */
    private List<RouteMonitor.Transition> traffic(int seconds, int callsPerSecond, int connectedOutOfTen) {
        return traffic(monitor, seconds, callsPerSecond, connectedOutOfTen);
    }

    private List<RouteMonitor.Transition> traffic(RouteMonitor monitor, int seconds, int callsPerSecond,
                                                  int connectedOutOfTen) {
        var transitions = new ArrayList<RouteMonitor.Transition>();
        for (int s = 0; s < seconds; s++) {
            for (int c = 0; c < callsPerSecond; c++) {
                boolean connected = n++ % 10 < connectedOutOfTen;
                monitor.record(clock.instant(), connected).ifPresent(transitions::add);
            }
            clock.advance(Duration.ofSeconds(1));
        }
        return transitions;
    }

    @Test
    void aSteadyRouteRaisesNothing() {
        assertThat(traffic(1800, 2, 9)).isEmpty();
        assertThat(monitor.health().windowRate()).isEqualTo(0.9);
        assertThat(monitor.health().baselineRate()).isEqualTo(0.9);
    }

    @Test
    void aRouteWhoseRateFallsWellBelowItsOwnBaselineIsDegradedWithinAMinute() {
        traffic(600, 2, 9);
        var elapsedBeforeAlert = new ArrayList<Integer>();
        for (int s = 1; s <= 60; s++) {
            if (!traffic(1, 2, 3).isEmpty()) {
                elapsedBeforeAlert.add(s);
                break;
            }
        }
        assertThat(elapsedBeforeAlert).hasSize(1);
        assertThat(monitor.degraded()).isTrue();
    }

    @Test
    void aRouteThatHealsRecoversOnceAndStaysQuiet() {
        traffic(600, 2, 9);
        assertThat(traffic(60, 2, 3)).containsExactly(RouteMonitor.Transition.DEGRADED);
        traffic(300, 2, 3); // a long outage does not become the new normal
        assertThat(monitor.health().baselineRate()).isEqualTo(0.9);

        assertThat(traffic(120, 2, 9)).containsExactly(RouteMonitor.Transition.RECOVERED);
        assertThat(traffic(600, 2, 9)).isEmpty();
    }

    @Test
    void aSmallDipWithinTheHysteresisBandRaisesNothing() {
        traffic(600, 2, 9);
        assertThat(traffic(300, 2, 7)).isEmpty(); // 0.7 ≥ 0.7 × 0.9
    }

    @Test
    void tooFewCallsAreNotJudged() {
        traffic(600, 2, 9);
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < RoutePolicy.DEFAULT.minWindowCalls() - 1; i++) {
            assertThat(monitor.record(clock.instant(), false)).isEqualTo(Optional.empty());
        }
    }

    @Test
    void aNewRouteWithoutBaselineIsNotJudged() {
        assertThat(traffic(20, 2, 0)).isEmpty();
    }

    @Test
    void routeOutcomesCountCarrierResultsAndIgnoreOurOwnRefusals() {
        assertThat(RouteOutcome.connected(io.codac.contracts.domain.OutcomeClass.VERIFIED)).contains(true);
        assertThat(RouteOutcome.connected(io.codac.contracts.domain.OutcomeClass.INVALID)).contains(true);
        assertThat(RouteOutcome.connected(io.codac.contracts.domain.OutcomeClass.UNREACHABLE)).contains(true);
        assertThat(RouteOutcome.connected(io.codac.contracts.domain.OutcomeClass.ROUTE_FAILURE)).contains(false);
        assertThat(RouteOutcome.connected(io.codac.contracts.domain.OutcomeClass.OUR_SIDE_REJECTED)).isEmpty();
        assertThat(RouteOutcome.connected(null)).isEmpty();
    }

    @Test
    void aMonitorResumedOnAnOpenAlertDoesNotRaiseTheSameDegradationAgain() {
        var resumed = RouteMonitor.resumingAlert(new Route("srv1-t1", "Orange"), RoutePolicy.DEFAULT, 0.9);

        assertThat(resumed.degraded()).isTrue();
        assertThat(traffic(resumed, 600, 2, 3)).isEmpty();
        assertThat(resumed.health().baselineRate()).isEqualTo(0.9);
    }

    @Test
    void aMonitorResumedOnAnOpenAlertRecoversAgainstTheAlertsBaselineThenJudgesOnItsOwn() {
        var resumed = RouteMonitor.resumingAlert(new Route("srv1-t1", "Orange"), RoutePolicy.DEFAULT, 0.9);
        traffic(resumed, 60, 2, 3);

        var transitions = new ArrayList<RouteMonitor.Transition>();
        for (int s = 0; s < 120 && transitions.isEmpty(); s++) {
            transitions.addAll(traffic(resumed, 1, 2, 9));
        }
        assertThat(transitions).containsExactly(RouteMonitor.Transition.RECOVERED);
        assertThat(resumed.health().baselineRate()).as("the figures the recovery is reported with").isEqualTo(0.9);
        assertThat(traffic(resumed, 600, 2, 9)).isEmpty();
        assertThat(traffic(resumed, 60, 2, 3)).containsExactly(RouteMonitor.Transition.DEGRADED);
    }

    @Test
    void aMonitorCannotResumeAnAlertWithoutABaseline() {
        var route = new Route("srv1-t1", "Orange");

        assertThatThrownBy(() -> RouteMonitor.resumingAlert(route, RoutePolicy.DEFAULT, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteMonitor.resumingAlert(route, RoutePolicy.DEFAULT, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
