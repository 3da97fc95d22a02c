package io.codac.scenario.report;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatenciesTest {

    private static Latencies millis(int... values) {
        return Latencies.of(IntStream.of(values).mapToObj(Duration::ofMillis).toList());
    }

    @Test
    void theNearestRankIsTheSmallestSampleThatTheShareDoesNotExceed() {
        Latencies hundred = Latencies.of(IntStream.rangeClosed(1, 100).mapToObj(Duration::ofMillis).toList());

        assertThat(hundred.percentile(50)).contains(Duration.ofMillis(50));
        assertThat(hundred.percentile(99)).contains(Duration.ofMillis(99));
        assertThat(hundred.percentile(100)).contains(Duration.ofMillis(100));
        assertThat(hundred.max()).contains(Duration.ofMillis(100));
    }

    @Test
    void samplesNeedNotArriveInOrder() {
        Latencies shuffled = millis(40, 10, 30, 20);

        assertThat(shuffled.percentile(50)).contains(Duration.ofMillis(20));
        assertThat(shuffled.percentile(75)).contains(Duration.ofMillis(30));
        assertThat(shuffled.percentileMillis(99)).isEqualTo(40.0);
    }

    @Test
    void aSmallSetsHighPercentileIsItsLargestSample() {
        assertThat(millis(5, 7).percentile(99)).contains(Duration.ofMillis(7));
        assertThat(millis(5).percentile(1)).contains(Duration.ofMillis(5));
    }

    @Test
    void noSamplesIsNoFigureRatherThanZero() {
        Latencies none = Latencies.of(List.of());

        assertThat(none.count()).isZero();
        assertThat(none.percentile(99)).isEmpty();
        assertThat(none.max()).isEmpty();
        assertThat(none.percentileMillis(50)).isNaN();
    }

    @Test
    void aSampleThatNeverHappenedRanksAboveEveryTimeAndReadsInfinite() {
        var latencies = Latencies.of(IntStream.rangeClosed(1, 98).mapToObj(Duration::ofMillis).toList(), 2);

        assertThat(latencies.count()).isEqualTo(100);
        assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
        assertThat(latencies.percentileMillis(98)).isEqualTo(98.0);
        assertThat(latencies.percentileMillis(99)).isInfinite().isPositive();
        assertThat(latencies.percentile(99)).isEmpty();
        assertThat(latencies.max()).contains(Duration.ofMillis(98));
        assertThat(Latencies.of(List.of(), 1).percentileMillis(50)).isInfinite();
        assertThatThrownBy(() -> Latencies.of(List.of(), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPercentileOutsideTheRangeIsRefused() {
        assertThatThrownBy(() -> millis(1).percentile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> millis(1).percentile(100.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
