package io.codac.scheduler.placement.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.codac.scheduler.placement.domain.Candidates.anyRequest;
import static io.codac.scheduler.placement.domain.Candidates.chosen;
import static io.codac.scheduler.placement.domain.Candidates.of;
import static io.codac.scheduler.placement.domain.Candidates.request;
import static io.codac.scheduler.placement.domain.Candidates.trunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteAwarePolicyTest {

    private final RouteAwarePolicy policy = new RouteAwarePolicy();

    // ---- headroom

    @Test
    void anEmptyFleetHasNoLiveServer() {
        assertThat(policy.choose(anyRequest(), List.of())).isEqualTo(new NoPlacement(NoPlacementReason.NO_LIVE_SERVER));
    }

    @Test
    void noPlaceableServerMeansNoLiveServer() {
        var decision = policy.choose(anyRequest(), of(trunk("t1").dead(), trunk("t2").dead()));

        assertThat(decision).isEqualTo(new NoPlacement(NoPlacementReason.NO_LIVE_SERVER));
    }

    @Test
    void aPlaceableServerWithNoShareCountsAsNotLive() {
        var decision = policy.choose(anyRequest(), of(trunk("t1").share(0)));

        assertThat(decision).isEqualTo(new NoPlacement(NoPlacementReason.NO_LIVE_SERVER));
    }

    @Test
    void aTrunkWithAllChannelsInUseIsNeverChosen() {
        var decision = policy.choose(anyRequest(), of(trunk("full").contract(10, 4).inUse(4)));

        assertThat(decision).isEqualTo(new NoPlacement(NoPlacementReason.CHANNELS_FULL));
    }

    @Test
    void aTrunkAtItsCpsContractIsNeverChosen() {
        var decision = policy.choose(anyRequest(), of(trunk("hot").contract(5, 100).inUse(5).startsLastSecond(5)));

        assertThat(decision).isEqualTo(new NoPlacement(NoPlacementReason.CPS_LIMIT));
    }

    @Test
    void cpsLimitIsReportedWhenSomeTrunkHasAChannelButNoCpsSlot() {
        var decision = policy.choose(anyRequest(), of(
                trunk("full").contract(10, 2).inUse(2),
                trunk("hot").contract(3, 10).inUse(3).startsLastSecond(3)));

        assertThat(decision).isEqualTo(new NoPlacement(NoPlacementReason.CPS_LIMIT));
    }

    @Test
    void aRampingServerGetsOnlyItsShareOfChannels() {
        // 10 channels × 0.3 = 3 allowed
        assertThat(policy.choose(anyRequest(), of(trunk("t1").contract(100, 10).share(0.3).inUse(2))))
                .isInstanceOf(Placement.class);
        assertThat(policy.choose(anyRequest(), of(trunk("t1").contract(100, 10).share(0.3).inUse(3))))
                .isEqualTo(new NoPlacement(NoPlacementReason.CHANNELS_FULL));
    }

    @Test
    void aRampingServerGetsOnlyItsShareOfCps() {
        // 20 cps × 0.25 = 5 allowed
        assertThat(policy.choose(anyRequest(), of(trunk("t1").contract(20, 100).share(0.25).startsLastSecond(4))))
                .isInstanceOf(Placement.class);
        assertThat(policy.choose(anyRequest(), of(trunk("t1").contract(20, 100).share(0.25).startsLastSecond(5))))
                .isEqualTo(new NoPlacement(NoPlacementReason.CPS_LIMIT));
    }

    @Test
    void aTinyShareStillAllowsOneCall() {
        assertThat(policy.choose(anyRequest(), of(trunk("t1").contract(2, 2).share(0.1))))
                .isInstanceOf(Placement.class);
        assertThat(policy.choose(anyRequest(), of(trunk("t1").contract(2, 2).share(0.1).inUse(1))))
                .isEqualTo(new NoPlacement(NoPlacementReason.CHANNELS_FULL));
    }

    @Test
    void aTrunkOnADeadServerIsNeverChosenEvenWhenIdleAndItsRouteIsTheBest() {
        var decision = policy.choose(request("op"), of(
                trunk("dead").contract(100, 100).route(1000, 900).dead(),
                trunk("busy").inUse(9).route(1000, 300)));

        assertThat(chosen(decision)).isEqualTo("busy");
    }

    @Test
    void placingUntilFullNeverExceedsAnyTrunk() {
        var state = new HashMap<String, int[]>(Map.of("a", new int[]{0}, "b", new int[]{0}));
        for (int i = 0; i < 20; i++) {
            var decision = policy.choose(anyRequest(), of(
                    trunk("a").contract(100, 3).inUse(state.get("a")[0]),
                    trunk("b").contract(100, 5).inUse(state.get("b")[0])));
            if (decision instanceof Placement placement) {
                state.get(placement.trunk().id())[0]++;
            }
        }
        assertThat(state.get("a")[0]).isEqualTo(3);
        assertThat(state.get("b")[0]).isEqualTo(5);
    }

    // ---- avoidance

    @Test
    void anAvoidedTrunkIsSkippedWhenAnotherCanTakeTheCall() {
        var decision = policy.choose(request("", "tried"), of(trunk("tried"), trunk("other").inUse(8)));

        assertThat(chosen(decision)).isEqualTo("other");
    }

    @Test
    void anAvoidedTrunkIsSkippedEvenWhenItsRouteIsFarBetter() {
        var decision = policy.choose(request("op", "best"), of(
                trunk("best").route(1000, 900),
                trunk("poor").route(1000, 100)));

        assertThat(chosen(decision)).isEqualTo("poor");
    }

    @Test
    void anAvoidedTrunkIsNotAFallbackWhileAnotherUsableTrunkIsMerelyFull() {
        var decision = policy.choose(request("", "tried"), of(trunk("tried"), trunk("other").inUse(10)));

        assertThat(decision).isEqualTo(new NoPlacement(NoPlacementReason.CHANNELS_FULL));
    }

    @Test
    void anAvoidedTrunkIsNotAFallbackWhileAnotherUsableTrunkIsAtItsCps() {
        var decision = policy.choose(request("", "tried"), of(trunk("tried"), trunk("other").startsLastSecond(10)));

        assertThat(decision).isEqualTo(new NoPlacement(NoPlacementReason.CPS_LIMIT));
    }

    @Test
    void avoidedTrunksCountAgainWhenEveryUsableTrunkIsToBeAvoided() {
        var decision = policy.choose(request("", "tried"), of(trunk("tried"), trunk("dead").dead()));

        assertThat(chosen(decision)).isEqualTo("tried");
    }

    @Test
    void amongAvoidedTrunksTheMostFreeWinsWhenAllAreToBeAvoided() {
        var decision = policy.choose(request("", "t1", "t2"), of(trunk("t1").inUse(9), trunk("t2").inUse(1)));

        assertThat(chosen(decision)).isEqualTo("t2");
    }

    @Test
    void avoidedTrunksOnDeadServersAreNoAlternative() {
        var decision = policy.choose(request("", "tried"), of(trunk("deadUntried").dead(), trunk("tried")));

        assertThat(chosen(decision)).isEqualTo("tried");
    }

    @Test
    void whenAllAreAvoidedAndFullTheReasonIsTheirHeadroom() {
        var decision = policy.choose(request("", "t1", "t2"), of(trunk("t1").inUse(10), trunk("t2").inUse(10)));

        assertThat(decision).isEqualTo(new NoPlacement(NoPlacementReason.CHANNELS_FULL));
    }

    @Test
    void avoidingAnUnknownTrunkChangesNothing() {
        var decision = policy.choose(request("", "gone"), of(trunk("t1")));

        assertThat(chosen(decision)).isEqualTo("t1");
    }

    // ---- route health

    @Test
    void theRouteThatConnectsBetterForTheOperatorWinsAtEqualLoad() {
        var decision = policy.choose(request("op"), of(
                trunk("a").route(500, 150),
                trunk("b").route(500, 350)));

        assertThat(chosen(decision)).isEqualTo("b");
    }

    @Test
    void aBetterRouteYieldsToAnEmptierOneOfNearlyTheSameQuality() {
        // b connects slightly better but is 90 % full; a is empty
        var decision = policy.choose(request("op"), of(
                trunk("a").route(1000, 600),
                trunk("b").route(1000, 650).inUse(9)));

        assertThat(chosen(decision)).isEqualTo("a");
    }

    @Test
    void aClearlyDegradedRouteIsNotUsedWhileAHealthierTrunkHasRoomEvenIfFuller() {
        var decision = policy.choose(request("op"), of(
                trunk("degraded").route(1000, 50),
                trunk("healthy").route(1000, 600).contract(10, 100).inUse(99)));

        assertThat(chosen(decision)).isEqualTo("healthy");
    }

    @Test
    void aDegradedRouteIsUsedWhenNoHealthierTrunkHasRoom() {
        var decision = policy.choose(request("op"), of(
                trunk("degraded").route(1000, 50),
                trunk("healthy").route(1000, 600).contract(10, 100).inUse(100)));

        assertThat(chosen(decision)).isEqualTo("degraded");
    }

    @Test
    void aDegradedRouteIsUsedWhenTheHealthyOnesAreOnDeadServers() {
        var decision = policy.choose(request("op"), of(
                trunk("degraded").route(1000, 50),
                trunk("healthy").route(1000, 600).dead()));

        assertThat(chosen(decision)).isEqualTo("degraded");
    }

    @Test
    void degradationIsJudgedAgainstTheBestEligibleRouteNotAnAvoidedOne() {
        // measured against the avoided "best" (0.94), "low" (0.40) would be degraded and "mid" chosen; measured
        // against the eligible ones, both are healthy and the emptier "low" wins on quality × free fraction
        var decision = policy.choose(request("op", "best"), of(
                trunk("best").route(1000, 950),
                trunk("mid").route(1000, 500).inUse(3),
                trunk("low").route(1000, 400)));

        assertThat(chosen(decision)).isEqualTo("low");
    }

    @Test
    void aRouteWithFewObservationsIsNeitherLovedNorShunned() {
        // one connected call of one, and two failed calls of two: both stay near the pooled rate (~0.4),
        // so spreading decides, not the luck of a couple of calls
        var lucky = policy.choose(request("op"), of(
                trunk("established").route(1000, 400),
                trunk("lucky").route(1, 1).inUse(5)));
        var unlucky = policy.choose(request("op"), of(
                trunk("established").route(1000, 400).inUse(5),
                trunk("unlucky").route(2, 0)));

        assertThat(chosen(lucky)).isEqualTo("established");
        assertThat(chosen(unlucky)).isEqualTo("unlucky");
    }

    @Test
    void aNewRouteIsJudgedAsGoodAsTheOperatorsPooledRouteNotAsDegraded() {
        // even a strict ratio does not shun it: it inherits the operator's pooled rate, not a neutral guess
        var strict = new RouteAwarePolicy(RouteAwarePolicy.DEFAULT_PRIOR_WEIGHT, 0.9);
        var decision = strict.choose(request("op"), of(
                trunk("known").route(1000, 800).inUse(9),
                trunk("new")));

        assertThat(chosen(decision)).isEqualTo("new");
    }

    @Test
    void withNoRouteDataAnywhereLoadAloneDecides() {
        var decision = policy.choose(request("op"), of(trunk("a").inUse(3), trunk("b").inUse(1)));

        assertThat(chosen(decision)).isEqualTo("b");
    }

    @Test
    void aZeroDegradedRatioNeverShunsARoute() {
        var lenient = new RouteAwarePolicy(RouteAwarePolicy.DEFAULT_PRIOR_WEIGHT, 0);
        // the poor route is empty, the good one nearly full: quality × free favours the poor one
        var decision = lenient.choose(request("op"), of(
                trunk("poor").route(1000, 100),
                trunk("good").route(1000, 600).inUse(9)));

        assertThat(chosen(decision)).isEqualTo("poor");
    }

    // ---- failing routes

    @Test
    void aRouteFailingMostOfItsRecentCallsWaitsBehindAWorkingTrunkEvenAFullOne() {
        // its long record is the best of the two: only its last seconds say it now fails 8 calls of 10
        var free = policy.choose(request("op"), of(
                trunk("failing").route(1000, 700).recent(10, 8),
                trunk("working").route(1000, 600)));
        var full = policy.choose(request("op"), of(
                trunk("failing").route(1000, 700).recent(10, 8),
                trunk("working").route(1000, 600).contract(10, 4).inUse(4)));

        assertThat(chosen(free)).isEqualTo("working");
        assertThat(full).isEqualTo(new NoPlacement(NoPlacementReason.CHANNELS_FULL));
    }

    @Test
    void failingRoutesAreUsedWhenNoUsableTrunkHasAWorkingRouteForTheNumber() {
        var decision = policy.choose(request("op"), of(
                trunk("failing-a").route(1000, 700).recent(10, 8).inUse(9),
                trunk("failing-b").route(1000, 700).recent(10, 9),
                trunk("working-but-dead").route(1000, 600).dead()));

        assertThat(chosen(decision)).isEqualTo("failing-b");
    }

    @Test
    void aFailingRouteComesBeforeATrunkThisNumberIsToAvoid() {
        var decision = policy.choose(request("op", "tried"), of(
                trunk("tried").route(1000, 600),
                trunk("failing").route(1000, 700).recent(10, 8)));

        assertThat(chosen(decision)).isEqualTo("failing");
    }

    @Test
    void aFewRecentFailuresOrAShareBelowTheThresholdMakeNoRouteFailing() {
        var fewCalls = policy.choose(request("op"), of(
                trunk("unlucky").route(1000, 700).recent(RouteStats.RECENT_EVIDENCE - 1, RouteStats.RECENT_EVIDENCE - 1),
                trunk("other").route(1000, 600).inUse(5)));
        var belowThreshold = policy.choose(request("op"), of(
                trunk("shaky").route(1000, 700).recent(10, 7),
                trunk("other").route(1000, 600).inUse(5)));
        var strict = new RouteAwarePolicy(RouteAwarePolicy.DEFAULT_PRIOR_WEIGHT, RouteAwarePolicy.DEFAULT_DEGRADED_RATIO,
                0.3).choose(request("op"), of(
                trunk("shaky").route(1000, 700).recent(10, 7),
                trunk("other").route(1000, 600).inUse(5)));

        assertThat(chosen(fewCalls)).isEqualTo("unlucky");
        assertThat(chosen(belowThreshold)).as("7 of 10: at least 44 %% with 95 %% confidence").isEqualTo("shaky");
        assertThat(chosen(strict)).isEqualTo("other");
    }

    @Test
    void aShortRunOfBadLuckOnASmallRouteIsNotFailingTheSameShareOverMoreCallsIs() {
        assertThat(smallRouteOrAnother(4, 2)).isEqualTo("small");
        assertThat(smallRouteOrAnother(5, 4)).isEqualTo("small");
        assertThat(smallRouteOrAnother(10, 8)).isEqualTo("other");
        assertThat(smallRouteOrAnother(4, 4)).isEqualTo("other");
    }

    /** The better route by its long record, with these recent calls and failures, beside a working one with room. */
    private String smallRouteOrAnother(double recentCalls, double recentFailures) {
        return chosen(policy.choose(request("op"), of(
                trunk("small").route(100, 70).recent(recentCalls, recentFailures),
                trunk("other").route(1000, 600).inUse(5))));
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new RouteAwarePolicy(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RouteAwarePolicy(Double.NaN, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RouteAwarePolicy(20, 1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RouteAwarePolicy(20, -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RouteAwarePolicy(20, 0.5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RouteAwarePolicy(20, 0.5, 1.1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- spreading

    @Test
    void theTrunkWithTheLargestFreeFractionWinsNotTheMostFreeChannels() {
        // big: 60 of 100 free (0.6); small: 4 of 5 free (0.8)
        var decision = policy.choose(anyRequest(), of(
                trunk("big").contract(50, 100).inUse(40),
                trunk("small").contract(50, 5).inUse(1)));

        assertThat(chosen(decision)).isEqualTo("small");
    }

    @Test
    void aTrunkWhoseCpsWindowIsNearlySpentIsNearlyFull() {
        var decision = policy.choose(anyRequest(), of(
                trunk("a").inUse(2).startsLastSecond(8),
                trunk("b").inUse(5).startsLastSecond(1)));

        assertThat(chosen(decision)).isEqualTo("b");
    }

    @Test
    void fullTiesAreBrokenByTrunkIdSoTheChoiceIsDeterministic() {
        var decision = policy.choose(anyRequest(), of(trunk("b"), trunk("a")));

        assertThat(chosen(decision)).isEqualTo("a");
    }

    @Test
    void loadSpreadsInTurnOverEqualTrunks() {
        int[] inUse = new int[3];
        List<String> chosen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String id = chosen(policy.choose(anyRequest(), of(
                    trunk("t0").inUse(inUse[0]), trunk("t1").inUse(inUse[1]), trunk("t2").inUse(inUse[2]))));
            inUse[Integer.parseInt(id.substring(1))]++;
            chosen.add(id);
        }

        assertThat(chosen).containsExactly("t0", "t1", "t2", "t0", "t1", "t2");
    }

    @Test
    void theSameInputsAlwaysGiveTheSameChoice() {
        var candidates = of(trunk("a").route(100, 40).inUse(3), trunk("b").route(100, 45).inUse(4),
                trunk("c").route(10, 2));
        String first = chosen(policy.choose(request("op"), candidates));

        for (int i = 0; i < 100; i++) {
            assertThat(chosen(policy.choose(request("op"), candidates))).isEqualTo(first);
        }
    }
}
