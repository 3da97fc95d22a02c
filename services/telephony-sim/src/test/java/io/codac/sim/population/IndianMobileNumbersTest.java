package io.codac.sim.population;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class IndianMobileNumbersTest {

    @Test
    void theSequenceIsTheSameForTheSameSeedAndHoldsOnlyDistinctValidMobiles() {
        var first = new IndianMobileNumbers(9);
        var second = new IndianMobileNumbers(9);
        var seen = new HashSet<String>();

        for (int i = 0; i < 500; i++) {
            String number = first.get(i);
            assertThat(number).matches("\\+91[6-9][0-9]{9}");
            assertThat(IndianMobileNumbers.isValidMobile(number)).as(number).isTrue();
            assertThat(seen.add(number)).as("distinct " + number).isTrue();
        }
        assertThat(IntStream.range(0, 500).mapToObj(second::get).toList())
                .isEqualTo(IntStream.range(0, 500).mapToObj(first::get).toList());
        assertThat(new IndianMobileNumbers(10).get(0)).isNotEqualTo(first.get(0));
    }

    @Test
    void landlinesAndGarbageAreNotValidMobiles() {
        assertThat(IndianMobileNumbers.isValidMobile("+911123456789")).isFalse(); // Delhi landline
        assertThat(IndianMobileNumbers.isValidMobile("not a number")).isFalse();
    }
}
