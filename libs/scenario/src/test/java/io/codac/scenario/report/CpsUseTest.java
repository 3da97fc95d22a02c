package io.codac.scenario.report;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CpsUseTest {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    /** {@code perSecond} calls in each second of [from, until), evenly spaced. */
    private static List<Instant> calls(int perSecond, int fromSecond, int untilSecond) {
        var starts = new ArrayList<Instant>();
        for (int s = fromSecond; s < untilSecond; s++) {
            for (int i = 0; i < perSecond; i++) {
                starts.add(T0.plusSeconds(s).plusMillis(1000L * i / perSecond));
            }
        }
        return starts;
    }

    @Test
    void aTrunkRunningAtItsContractUsesAllOfIt() {
        var trunk = new TrunkWindow("t1", 10, T0, null, calls(10, 0, 20));

        CpsUse use = CpsUse.over(List.of(trunk), T0.plusSeconds(5), T0.plusSeconds(15));

        assertThat(use.callsStarted()).isEqualTo(100);
        assertThat(use.ratio()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void trunksAreWeighedByTheirContractNotAveraged() {
        var big = new TrunkWindow("big", 15, T0, null, calls(15, 0, 10));
        var small = new TrunkWindow("small", 3, T0, null, calls(0, 0, 10));

        CpsUse use = CpsUse.over(List.of(big, small), T0, T0.plusSeconds(10));

        assertThat(use.callsStarted()).isEqualTo(150);
        assertThat(use.callsAllowed()).isCloseTo(180, within(1e-9));
        assertThat(use.ratio()).isCloseTo(150.0 / 180, within(1e-9)); // not the per-trunk mean (1 + 0) / 2
    }

    @Test
    void aDeadTrunkStopsCountingAgainstContractWhenItDies() {
        var survivor = new TrunkWindow("a", 10, T0, null, calls(10, 0, 10));
        var killed = new TrunkWindow("b", 10, T0, T0.plusSeconds(4), calls(10, 0, 4));

        CpsUse use = CpsUse.over(List.of(survivor, killed), T0, T0.plusSeconds(10));

        assertThat(use.callsAllowed()).isCloseTo(100 + 40, within(1e-9));
        assertThat(use.ratio()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void callsOutsideTheWindowOrAfterTheTrunkDiedAreNotCounted() {
        var trunk = new TrunkWindow("t", 5, T0, T0.plusSeconds(6), calls(5, 0, 10));

        CpsUse use = CpsUse.over(List.of(trunk), T0.plusSeconds(2), T0.plusSeconds(8));

        assertThat(use.callsStarted()).isEqualTo(20); // seconds 2..5 only
        assertThat(use.callsAllowed()).isCloseTo(20, within(1e-9));
    }

    @Test
    void aTrunkDeadBeforeTheWindowAddsNothing() {
        var gone = new TrunkWindow("gone", 8, T0, T0.plusSeconds(1), calls(8, 0, 1));

        CpsUse use = CpsUse.over(List.of(gone), T0.plusSeconds(2), T0.plusSeconds(3));

        assertThat(use.callsAllowed()).isZero();
        assertThat(use.ratio()).isNaN();
    }

    @Test
    void anEmptyWindowIsRefused() {
        assertThatThrownBy(() -> CpsUse.over(List.of(), T0, T0)).isInstanceOf(IllegalArgumentException.class);
    }
}
