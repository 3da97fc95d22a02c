package io.codac.scheduler.placement.domain;

import io.codac.contracts.domain.AriEndpoint;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PlacementPolicyTest {

    private final PlacementPolicy policy = new PlacementPolicy();

    private static TrunkHeadroom trunk(String id, int cps, int channels, boolean live, int inFlight, int lastSecond) {
        Trunk trunk = new Trunk(id, "carrier", 0, cps, channels);
        TelephonyServer server = new TelephonyServer("srv-" + id, new AriEndpoint("http://127.0.0.1:8091/", "u", "p", "a"),
                List.of(trunk), List.of());
        return new TrunkHeadroom(trunk, server, live, inFlight, lastSecond);
    }

    private static String chosen(PlacementDecision decision) {
        assertThat(decision).isInstanceOf(Placement.class);
        return ((Placement) decision).trunk().id();
    }

    @Test
    void noLiveServerMeansNoPlacement() {
        var decision = policy.choose(List.of(trunk("t1", 10, 10, false, 0, 0), trunk("t2", 10, 10, false, 0, 0)), Set.of());

        assertThat(decision).isEqualTo(new NoPlacement(NoPlacementReason.NO_LIVE_SERVER));
    }

    @Test
    void anEmptyFleetViewHasNoLiveServer() {
        assertThat(policy.choose(List.of(), Set.of())).isEqualTo(new NoPlacement(NoPlacementReason.NO_LIVE_SERVER));
    }

    @Test
    void aTrunkOnADeadServerIsNeverChosenEvenWhenIdle() {
        var decision = policy.choose(List.of(trunk("dead", 100, 100, false, 0, 0), trunk("busy", 10, 10, true, 9, 0)), Set.of());

        assertThat(chosen(decision)).isEqualTo("busy");
    }

    @Test
    void aTrunkWithAllChannelsInUseIsNeverChosen() {
        var decision = policy.choose(List.of(trunk("full", 10, 4, true, 4, 0)), Set.of());

        assertThat(decision).isEqualTo(new NoPlacement(NoPlacementReason.CHANNELS_FULL));
    }

    @Test
    void aTrunkAtItsCpsContractIsNeverChosen() {
        var decision = policy.choose(List.of(trunk("hot", 5, 100, true, 5, 5)), Set.of());

        assertThat(decision).isEqualTo(new NoPlacement(NoPlacementReason.CPS_LIMIT));
    }

    @Test
    void cpsLimitIsReportedWhenSomeTrunkHasAChannelButNoCpsSlot() {
        var decision = policy.choose(List.of(trunk("full", 10, 2, true, 2, 0), trunk("hot", 3, 10, true, 3, 3)), Set.of());

        assertThat(decision).isEqualTo(new NoPlacement(NoPlacementReason.CPS_LIMIT));
    }

    @Test
    void theTrunkWithTheLargestFreeChannelFractionWins() {
        // big: 60 of 100 free (0.6); small: 4 of 5 free (0.8) — fractions, not absolute counts
        var decision = policy.choose(List.of(trunk("big", 50, 100, true, 40, 0), trunk("small", 50, 5, true, 1, 0)), Set.of());

        assertThat(chosen(decision)).isEqualTo("small");
    }

    @Test
    void equalChannelFractionsAreBrokenByFreeCpsFraction() {
        var decision = policy.choose(List.of(trunk("a", 10, 10, true, 2, 8), trunk("b", 10, 10, true, 2, 1)), Set.of());

        assertThat(chosen(decision)).isEqualTo("b");
    }

    @Test
    void fullTiesAreBrokenByTrunkIdSoTheChoiceIsDeterministic() {
        var decision = policy.choose(List.of(trunk("b", 10, 10, true, 0, 0), trunk("a", 10, 10, true, 0, 0)), Set.of());

        assertThat(chosen(decision)).isEqualTo("a");
    }

    @Test
    void aTrunkAlreadyTriedIsSkippedWhenAnotherCanTakeTheCall() {
        var decision = policy.choose(List.of(trunk("tried", 10, 10, true, 0, 0), trunk("other", 10, 10, true, 8, 0)),
                Set.of("tried"));

        assertThat(chosen(decision)).isEqualTo("other");
    }

    @Test
    void aTriedTrunkIsNotAFallbackWhileAnUntriedLiveTrunkIsMerelyFull() {
        var decision = policy.choose(List.of(trunk("tried", 10, 10, true, 0, 0), trunk("other", 10, 10, true, 10, 0)),
                Set.of("tried"));

        assertThat(decision).isEqualTo(new NoPlacement(NoPlacementReason.CHANNELS_FULL));
    }

    @Test
    void aTriedTrunkIsUsedAgainWhenEveryLiveTrunkWasTried() {
        var decision = policy.choose(List.of(trunk("tried", 10, 10, true, 0, 0), trunk("dead", 10, 10, false, 0, 0)),
                Set.of("tried"));

        assertThat(chosen(decision)).isEqualTo("tried");
    }

    @Test
    void amongTriedTrunksTheMostFreeWinsWhenAllWereTried() {
        var decision = policy.choose(List.of(trunk("t1", 10, 10, true, 9, 0), trunk("t2", 10, 10, true, 1, 0)),
                Set.of("t1", "t2"));

        assertThat(chosen(decision)).isEqualTo("t2");
    }

    @Test
    void triedTrunksOnDeadServersDoNotCountAsAlternatives() {
        var decision = policy.choose(List.of(trunk("deadUntried", 10, 10, false, 0, 0), trunk("tried", 10, 10, true, 0, 0)),
                Set.of("tried"));

        assertThat(chosen(decision)).isEqualTo("tried");
    }

    @Test
    void headroomRejectsNegativeUse() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> trunk("t", 1, 1, true, -1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
