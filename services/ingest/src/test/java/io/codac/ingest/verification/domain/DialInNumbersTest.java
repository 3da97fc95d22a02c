package io.codac.ingest.verification.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DialInNumbersTest {

    private final PhoneNumberCheck numbers = new PhoneNumberCheck();

    @Test
    void theSameShopperAlwaysGetsTheSameNumber() {
        var pool = new DialInNumbers(List.of("+918000000003", "+918000000001", "+918000000002"), numbers::countryCodeOf);
        var reordered = new DialInNumbers(List.of("+918000000001", "+918000000002", "+918000000003"), numbers::countryCodeOf);

        assertThat(pool.choose("+919876543210", 91)).isEqualTo(pool.choose("+919876543210", 91))
                .isEqualTo(reordered.choose("+919876543210", 91));
    }

    @Test
    void shoppersAreSpreadOverThePool() {
        var pool = new DialInNumbers(List.of("+918000000001", "+918000000002", "+918000000003"), numbers::countryCodeOf);

        var chosen = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> pool.choose("+9198765432" + String.format("%02d", i), 91).orElseThrow())
                .distinct().count();
        assertThat(chosen).isEqualTo(3);
    }

    @Test
    void aDidInTheShoppersCountryIsPreferred() {
        var pool = new DialInNumbers(List.of("+918000000001", "+442071838750"), numbers::countryCodeOf);

        assertThat(pool.choose("+447911123456", 44)).contains("+442071838750");
        assertThat(pool.choose("+919876543210", 91)).contains("+918000000001");
    }

    @Test
    void withoutADidInTheCountryAnyDidIsUsed() {
        var pool = new DialInNumbers(List.of("+918000000001"), numbers::countryCodeOf);

        assertThat(pool.choose("+14155552671", 1)).contains("+918000000001");
    }

    @Test
    void anEmptyPoolOffersNothing() {
        var pool = new DialInNumbers(List.of(), numbers::countryCodeOf);

        assertThat(pool.isEmpty()).isTrue();
        assertThat(pool.choose("+919876543210", 91)).isEmpty();
    }
}
