package io.codac.scheduler.placement.domain;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RouteStatsTest {

    private static final RouteStats.Prior PRIOR = new RouteStats.Prior(0.5, 0.1, 10);

    @Test
    void anUnobservedRouteIsExactlyThePrior() {
        assertThat(RouteStats.NONE.connectRate(PRIOR)).isEqualTo(0.5);
        assertThat(RouteStats.NONE.routeFailureRate(PRIOR)).isEqualTo(0.1);
    }

    @Test
    void aFewObservationsArePulledTowardThePrior() {
        var twoOfTwo = new RouteStats(2, 2, 0);

        // (2 + 0.5 × 10) / (2 + 10)
        assertThat(twoOfTwo.connectRate(PRIOR)).isCloseTo(7.0 / 12, within(1e-12));
    }

    @Test
    void manyObservationsSpeakForThemselves() {
        var route = new RouteStats(100_000, 20_000, 5_000);

        assertThat(route.connectRate(PRIOR)).isCloseTo(0.2, within(1e-3));
        assertThat(route.routeFailureRate(PRIOR)).isCloseTo(0.05, within(1e-3));
    }

    @Test
    void theRecentFailureLowerBoundIsTheWilsonScoreBoundAndGrowsWithEvidence() {
        // n = 10, 8 failures, z = 1.645: (0.8 + z²/20 − z·√(0.016 + z²/400)) / (1 + z²/10)
        double z2 = RouteStats.FAILING_CONFIDENCE_Z * RouteStats.FAILING_CONFIDENCE_Z;
        double expected = (0.8 + z2 / 20 - RouteStats.FAILING_CONFIDENCE_Z * Math.sqrt(0.016 + z2 / 400)) / (1 + z2 / 10);
        assertThat(new RouteStats(10, 0, 8, 10, 8).recentRouteFailureLowerBound()).isCloseTo(expected, within(1e-12))
                .isCloseTo(0.541, within(1e-3));

        assertThat(new RouteStats(4, 0, 2, 4, 2).recentRouteFailureLowerBound()).isCloseTo(0.18, within(0.01));
        assertThat(new RouteStats(40, 0, 20, 40, 20).recentRouteFailureLowerBound()).isCloseTo(0.373, within(0.01));
        assertThat(new RouteStats(10, 0, 9, 10, 9).recentRouteFailureLowerBound()).isGreaterThan(0.6);
        assertThat(new RouteStats(10, 0, 0, 10, 0).recentRouteFailureLowerBound()).isCloseTo(0, within(1e-12));
        assertThat(new RouteStats(3, 0, 3, 3, 3).recentRouteFailureLowerBound()).as("too few calls").isZero();
        assertThat(new RouteStats(4, 0, 9, 4, 9).recentRouteFailureLowerBound()).as("decay: more failures than calls")
                .isBetween(0.5, 1.0);
    }

    @Test
    void ratesNeverExceedOneEvenWhenDecayLeavesMoreConnectsThanAttempts() {
        var route = new RouteStats(1, 3, 2);

        assertThat(route.connectRate(new RouteStats.Prior(1, 1, 1))).isEqualTo(1.0);
        assertThat(route.observedConnectRate()).isEqualTo(1.0);
        assertThat(route.observedRouteFailureRate()).isEqualTo(1.0);
    }

    @Test
    void observedRatesAreZeroWithoutAttempts() {
        assertThat(RouteStats.NONE.observedConnectRate()).isZero();
        assertThat(RouteStats.NONE.observedRouteFailureRate()).isZero();
    }

    @Test
    void unknownOperatorsShareOneKey() {
        assertThat(RouteStats.operatorKey(null)).isEmpty();
        assertThat(RouteStats.operatorKey(" ")).isEmpty();
        assertThat(RouteStats.operatorKey("unknown")).isEmpty();
        assertThat(RouteStats.operatorKey("Vodafone")).isEqualTo("Vodafone");
    }

    @Test
    void aRequestNormalisesItsOperatorAndDefaultsItsFields() {
        var request = new PlacementRequest(null, null, "unknown", null);

        assertThat(request.verificationId()).isEmpty();
        assertThat(request.clientId()).isEmpty();
        assertThat(request.destinationOperator()).isEmpty();
        assertThat(request.trunksToAvoid()).isEmpty();
        assertThat(PlacementRequest.avoiding(Set.of("t1")).trunksToAvoid()).containsExactly("t1");
    }

    @Test
    void impossibleCountsAndPriorsAreRefused() {
        assertThatThrownBy(() -> new RouteStats(-1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RouteStats(Double.NaN, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RouteStats(Double.POSITIVE_INFINITY, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RouteStats.Prior(1.5, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RouteStats.Prior(0.5, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
