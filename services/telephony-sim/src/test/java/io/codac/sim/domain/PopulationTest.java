package io.codac.sim.domain;

import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PopulationTest {

    private static final int SAMPLE = 100_000;

    @Test
    void aNumberHasTheSameFateForTheSameSeedWithOrWithoutThePlus() {
        var first = new Population(42, FateShares.defaults());
        var second = new Population(42, FateShares.defaults());

        for (int i = 0; i < 1_000; i++) {
            String number = number(i);
            assertThat(second.fateOf(number)).isEqualTo(first.fateOf(number));
            assertThat(first.fateOf(number.substring(1))).isEqualTo(first.fateOf(number));
        }
    }

    @Test
    void anotherSeedDealsTheFatesAnew() {
        var seed1 = new Population(1, FateShares.defaults());
        var seed2 = new Population(2, FateShares.defaults());

        long differing = java.util.stream.IntStream.range(0, 1_000).mapToObj(PopulationTest::number)
                .filter(n -> seed1.fateOf(n) != seed2.fateOf(n)).count();

        assertThat(differing).isGreaterThan(300);
    }

    @Test
    void fatesAreDistributedByTheirShares() {
        FateShares shares = FateShares.defaults();
        var population = new Population(7, shares);
        var counts = new EnumMap<NumberFate, Integer>(NumberFate.class);

        for (int i = 0; i < SAMPLE; i++) {
            counts.merge(population.fateOf(number(i)), 1, Integer::sum);
        }

        for (NumberFate fate : NumberFate.values()) {
            double observed = counts.getOrDefault(fate, 0) / (double) SAMPLE;
            assertThat(observed).as(fate.name()).isCloseTo(shares.share(fate), within(0.01));
        }
    }

    @Test
    void aFateWithoutAShareNeverHappens() {
        var shares = new FateShares(Map.of(NumberFate.ANSWERS, 1.0, NumberFate.BUSY, 3.0));
        var population = new Population(3, shares);

        long others = java.util.stream.IntStream.range(0, 10_000).mapToObj(PopulationTest::number)
                .map(population::fateOf)
                .filter(f -> f != NumberFate.ANSWERS && f != NumberFate.BUSY).count();

        assertThat(others).isZero();
        assertThat(shares.share(NumberFate.BUSY)).isEqualTo(0.75);
    }

    @Test
    void sharesMustBeNonNegativeAndNotAllZero() {
        assertThatThrownBy(() -> new FateShares(Map.of(NumberFate.BUSY, -1.0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FateShares(Map.of(NumberFate.BUSY, 0.0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultSharesCoverEveryFateButTheEarlyMediaOnesAndSumToOne() {
        FateShares shares = FateShares.defaults();
        var earlyMedia = java.util.EnumSet.of(NumberFate.EARLY_MEDIA_NO_ANSWER, NumberFate.ANNOUNCEMENT_SWITCHED_OFF);
        double total = 0;
        for (NumberFate fate : NumberFate.values()) {
            if (earlyMedia.contains(fate)) {
                assertThat(shares.share(fate)).as(fate.name()).isZero();
            } else {
                assertThat(shares.share(fate)).as(fate.name()).isPositive();
            }
            total += shares.share(fate);
        }
        assertThat(total).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void givingTheEarlyMediaFatesAShareMakesThemHappen() {
        var shares = FateShares.defaults().with(NumberFate.EARLY_MEDIA_NO_ANSWER, 0.1)
                .with(NumberFate.ANNOUNCEMENT_SWITCHED_OFF, 0.1);
        var population = new Population(7, shares);
        var counts = new EnumMap<NumberFate, Integer>(NumberFate.class);

        for (int i = 0; i < SAMPLE; i++) {
            counts.merge(population.fateOf(number(i)), 1, Integer::sum);
        }

        assertThat(counts.get(NumberFate.EARLY_MEDIA_NO_ANSWER) / (double) SAMPLE).isCloseTo(0.1 / 1.2, within(0.01));
        assertThat(counts.get(NumberFate.ANNOUNCEMENT_SWITCHED_OFF) / (double) SAMPLE).isCloseTo(0.1 / 1.2, within(0.01));
    }

    private static String number(int i) {
        return String.format("+9198%08d", i);
    }
}
