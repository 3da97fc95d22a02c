package io.codac.contracts.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumberMaskTest {

    @Test
    void keepsCountryPrefixAndLastTwoDigitsOnly() {
        assertThat(PhoneNumberMask.mask("+919876543210")).isEqualTo("+91********10");
    }

    @Test
    void masksShortAndNationalInputWithoutFailing() {
        assertThat(PhoneNumberMask.mask("98")).isEqualTo("98");
        assertThat(PhoneNumberMask.mask("9876543210")).isEqualTo("********10");
        assertThat(PhoneNumberMask.mask(null)).isEqualTo("<none>");
    }
}
