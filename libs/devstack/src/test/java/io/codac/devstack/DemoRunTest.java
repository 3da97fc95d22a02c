package io.codac.devstack;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class DemoRunTest {

    @Test
    void percentilesUseTheNearestRankOfTheSortedSample() {
        List<Long> hundred = LongStream.rangeClosed(1, 100).boxed().toList();

        assertThat(DemoRun.percentile(hundred, 50)).isEqualTo(50);
        assertThat(DemoRun.percentile(hundred, 99)).isEqualTo(99);
        assertThat(DemoRun.percentile(List.of(7L), 99)).isEqualTo(7);
        assertThat(DemoRun.percentile(List.of(1L, 2L, 3L), 50)).isEqualTo(2);
    }

    @Test
    void everyFateOfTheSampleExpectsATerminalStatus() {
        for (DemoRun.Fate fate : DemoRun.Fate.values()) {
            assertThat(fate.expected).isIn("VERIFIED", "INVALID", "UNREACHABLE");
            assertThat(fate.weight).isPositive();
        }
    }
}
