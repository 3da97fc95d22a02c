package io.codac.scheduler.placement.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.codac.scheduler.placement.domain.Candidates.anyRequest;
import static io.codac.scheduler.placement.domain.Candidates.chosen;
import static io.codac.scheduler.placement.domain.Candidates.of;
import static io.codac.scheduler.placement.domain.Candidates.request;
import static io.codac.scheduler.placement.domain.Candidates.trunk;
import static org.assertj.core.api.Assertions.assertThat;

class NaiveRoundRobinPolicyTest {

    private final NaiveRoundRobinPolicy policy = new NaiveRoundRobinPolicy();

    private List<String> choices(int count, PlacementRequest request, List<TrunkCandidate> candidates) {
        var chosen = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            chosen.add(chosen(policy.choose(request, candidates)));
        }
        return chosen;
    }

    @Test
    void trunksOfLiveServersAreTakenInRotation() {
        assertThat(choices(5, anyRequest(), of(trunk("t1"), trunk("dead").dead(), trunk("t3"))))
                .containsExactly("t1", "t3", "t1", "t3", "t1");
    }

    @Test
    void aTrunkWithoutHeadroomIsTakenInItsTurnAllTheSame() {
        var candidates = of(trunk("full").inUse(10), trunk("hot").startsLastSecond(10),
                trunk("ramping").contract(10, 10).share(0.1).inUse(1));

        assertThat(choices(3, anyRequest(), candidates)).containsExactly("full", "hot", "ramping");
    }

    @Test
    void routeHealthAndTheTrunksToAvoidAreIgnored() {
        var candidates = of(trunk("broken").route(1000, 0).recent(100, 100), trunk("good").route(1000, 900));

        assertThat(choices(2, request("op", "broken"), candidates)).containsExactly("broken", "good");
    }

    @Test
    void onlyWithoutALiveServerIsNothingPlaced() {
        assertThat(policy.choose(anyRequest(), List.of())).isEqualTo(new NoPlacement(NoPlacementReason.NO_LIVE_SERVER));
        assertThat(policy.choose(anyRequest(), of(trunk("d1").dead(), trunk("d2").dead())))
                .isEqualTo(new NoPlacement(NoPlacementReason.NO_LIVE_SERVER));
    }

    @Test
    void itSaysItDoesNotKeepWithinHeadroomUnlikeThePoliciesWeRun() {
        assertThat(policy.keepsWithinHeadroom()).isFalse();
        assertThat(new RoundRobinPolicy().keepsWithinHeadroom()).isTrue();
        assertThat(new RouteAwarePolicy(20, 0.5, 0.5).keepsWithinHeadroom()).isTrue();
    }
}
