package io.codac.scheduler.placement.domain;

import org.junit.jupiter.api.Test;

import static io.codac.scheduler.placement.domain.Candidates.trunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrunkCandidateTest {

    @Test
    void theAllowedCapacityIsTheContractTimesTheShareRoundedDown() {
        assertThat(TrunkCandidate.allowed(10, 1.0)).isEqualTo(10);
        assertThat(TrunkCandidate.allowed(10, 0.55)).isEqualTo(5);
        assertThat(TrunkCandidate.allowed(10, 0.3)).isEqualTo(3);
        assertThat(TrunkCandidate.allowed(7, 0.999)).isEqualTo(6);
    }

    @Test
    void anyShareAboveZeroAllowsAtLeastOneAndNoShareAllowsNone() {
        assertThat(TrunkCandidate.allowed(3, 0.01)).isEqualTo(1);
        assertThat(TrunkCandidate.allowed(3, 0)).isZero();
    }

    @Test
    void freeFractionIsTheScarcerOfChannelsAndCps() {
        var candidate = trunk("t").contract(10, 20).inUse(5).startsLastSecond(6).build();

        assertThat(candidate.freeChannelFraction()).isEqualTo(0.75);
        assertThat(candidate.freeCpsFraction()).isEqualTo(0.4);
        assertThat(candidate.freeFraction()).isEqualTo(0.4);
    }

    @Test
    void useAboveTheAllowedShareLeavesNothingFreeAndNoNegativeFraction() {
        // a server that was given less after its calls were placed: more in use than it is now allowed
        var candidate = trunk("t").contract(10, 10).share(0.2).inUse(5).startsLastSecond(5).build();

        assertThat(candidate.hasFreeChannel()).isFalse();
        assertThat(candidate.underCps()).isFalse();
        assertThat(candidate.freeFraction()).isZero();
        assertThat(candidate.canTakeOneMore()).isFalse();
    }

    @Test
    void aCandidateOnADeadServerCannotTakeOneMore() {
        var candidate = trunk("t").dead().build();

        assertThat(candidate.usable()).isFalse();
        assertThat(candidate.canTakeOneMore()).isFalse();
        assertThat(candidate.allowedChannels()).isZero();
        assertThat(candidate.freeFraction()).isZero();
    }

    @Test
    void impossibleValuesAreRefused() {
        assertThatThrownBy(() -> trunk("t").inUse(-1).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trunk("t").startsLastSecond(-1).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trunk("t").share(1.1).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trunk("t").share(-0.1).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trunk("t").share(Double.NaN).build()).isInstanceOf(IllegalArgumentException.class);
    }
}
