package io.codac.scheduler.fleet.domain;

import io.codac.scheduler.placement.domain.RouteStats;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RouteHealthTest {

    private final Instant t0 = Instant.parse("2026-11-22T12:00:00Z");
    private final RouteHealth health = new RouteHealth(Duration.ofSeconds(60));

    @Test
    void aRouteNeverObservedHasNoStats() {
        assertThat(health.stats("t1", "op", t0)).isEqualTo(RouteStats.NONE);
        assertThat(health.snapshot(t0)).isEmpty();
    }

    @Test
    void observationsAddUpPerRoute() {
        health.observe("t1", "op", 10, 6, 1, t0);
        health.observe("t1", "op", 10, 4, 1, t0);
        health.observe("t1", "other", 5, 5, 0, t0);

        assertThat(health.stats("t1", "op", t0)).isEqualTo(new RouteStats(20, 10, 2));
        assertThat(health.stats("t1", "other", t0)).isEqualTo(new RouteStats(5, 5, 0));
        assertThat(health.stats("t2", "op", t0)).isEqualTo(RouteStats.NONE);
    }

    @Test
    void countsHalveEveryHalfLife() {
        health.observe("t1", "op", 100, 40, 8, t0);

        RouteStats later = health.stats("t1", "op", t0.plusSeconds(60));
        assertThat(later.attempts()).isCloseTo(50, within(1e-9));
        assertThat(later.connects()).isCloseTo(20, within(1e-9));
        assertThat(later.routeFailures()).isCloseTo(4, within(1e-9));
        assertThat(health.stats("t1", "op", t0.plusSeconds(120)).attempts()).isCloseTo(25, within(1e-9));
    }

    @Test
    void aDegradingRouteShowsItWithinAFewHalfLivesWhileItsOldRecordFades() {
        health.observe("t1", "op", 1000, 800, 0, t0);
        for (int s = 1; s <= 180; s++) {
            health.observe("t1", "op", 10, 1, 5, t0.plusSeconds(s));
        }

        RouteStats now = health.stats("t1", "op", t0.plusSeconds(180));
        assertThat(now.observedConnectRate()).isLessThan(0.25);
        assertThat(now.observedRouteFailureRate()).isGreaterThan(0.35);
    }

    @Test
    void aRouteThatStartsFailingShowsItInItsRecentRecordWithinSecondsAndRecoversAsFast() {
        for (int s = 0; s < 60; s++) {
            health.observe("t1", "op", 3, 2, 0, t0.plusSeconds(s));
        }
        for (int s = 60; s < 65; s++) {
            health.observe("t1", "op", 3, 0, 3, t0.plusSeconds(s));
        }

        RouteStats failing = health.stats("t1", "op", t0.plusSeconds(64));
        assertThat(failing.recentRouteFailureRate()).isGreaterThan(0.5);
        assertThat(failing.observedRouteFailureRate()).as("the minute-long record has barely turned").isLessThan(0.15);

        for (int s = 65; s < 80; s++) {
            health.observe("t1", "op", 3, 2, 0, t0.plusSeconds(s));
        }
        assertThat(health.stats("t1", "op", t0.plusSeconds(79)).recentRouteFailureRate()).isLessThan(0.15);
    }

    @Test
    void aLateObservationIsAddedAlreadyDecayedAndTimeNeverRunsBackwards() {
        health.observe("t1", "op", 10, 10, 0, t0.plusSeconds(60));
        health.observe("t1", "op", 10, 0, 0, t0); // a heartbeat seen late: worth half

        RouteStats stats = health.stats("t1", "op", t0.plusSeconds(60));
        assertThat(stats.attempts()).isCloseTo(15, within(1e-9));
        assertThat(stats.connects()).isCloseTo(10, within(1e-9));
    }

    @Test
    void readingBeforeTheLatestObservationDoesNotInflateIt() {
        health.observe("t1", "op", 10, 5, 0, t0.plusSeconds(10));

        assertThat(health.stats("t1", "op", t0)).isEqualTo(new RouteStats(10, 5, 0));
    }

    @Test
    void theAdaptersUnknownOperatorAndTheEmptyOneAreOneRoute() {
        health.observe("t1", "unknown", 4, 2, 0, t0);
        health.observe("t1", "", 6, 3, 0, t0);

        assertThat(health.stats("t1", null, t0)).isEqualTo(new RouteStats(10, 5, 0));
    }

    @Test
    void theSnapshotListsEveryRouteWithRatesSortedByTrunkThenOperator() {
        health.observe("t2", "b", 10, 5, 1, t0);
        health.observe("t1", "b", 4, 1, 2, t0);
        health.observe("t1", "a", 8, 8, 0, t0);

        assertThat(health.snapshot(t0)).containsExactly(
                new RouteSnapshot("t1", "a", 8, 1.0, 0.0),
                new RouteSnapshot("t1", "b", 4, 0.25, 0.5),
                new RouteSnapshot("t2", "b", 10, 0.5, 0.1));
    }

    @Test
    void nothingObservedAddsNoRouteAndNegativeDeltasAreRefused() {
        health.observe("t1", "op", 0, 0, 0, t0);

        assertThat(health.snapshot(t0)).isEmpty();
        assertThatThrownBy(() -> health.observe("t1", "op", -1, 0, 0, t0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RouteHealth(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
