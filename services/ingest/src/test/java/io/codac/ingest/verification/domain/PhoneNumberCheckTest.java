package io.codac.ingest.verification.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PhoneNumberCheckTest {

    private final PhoneNumberCheck check = new PhoneNumberCheck();

    @Test
    void anIndianMobileInE164IsAccepted() {
        assertThat(check.check("+919876543210", null))
                .isEqualTo(new PhoneNumberCheck.Valid("+919876543210", 91));
    }

    @Test
    void nationalFormsAreNormalizedWithTheirRegion() {
        assertThat(check.check("09876543210", "IN")).isEqualTo(new PhoneNumberCheck.Valid("+919876543210", 91));
        assertThat(check.check("98765 43210", "in")).isEqualTo(new PhoneNumberCheck.Valid("+919876543210", 91));
    }

    @Test
    void aNationalNumberWithoutRegionIsInvalidAndSaysWhy() {
        assertThat(check.check("09876543210", null))
                .isInstanceOfSatisfying(PhoneNumberCheck.Invalid.class,
                        invalid -> assertThat(invalid.detail()).contains("E.164").contains("defaultRegion"));
    }

    @Test
    void aLandlineIsRefusedWithItsType() {
        assertThat(check.check("+911123456789", null))
                .isEqualTo(new PhoneNumberCheck.UnsupportedType("+911123456789", "FIXED_LINE"));
    }

    @Test
    void tollFreeNumbersAreNotVerified() {
        assertThat(check.check("+911800123456", null)).isInstanceOf(PhoneNumberCheck.UnsupportedType.class);
    }

    @Test
    void numbersThatMayBeMobileAreAccepted() {
        // North America cannot tell mobile from fixed line by number
        assertThat(check.check("+14155552671", null)).isEqualTo(new PhoneNumberCheck.Valid("+14155552671", 1));
    }

    @Test
    void garbageIsInvalid() {
        assertThat(check.check("not a number", null)).isInstanceOf(PhoneNumberCheck.Invalid.class);
        assertThat(check.check("+91123", null)).isInstanceOf(PhoneNumberCheck.Invalid.class);
        assertThat(check.check("", null)).isInstanceOf(PhoneNumberCheck.Invalid.class);
        assertThat(check.check("+" + "9".repeat(80), null)).isInstanceOf(PhoneNumberCheck.Invalid.class);
    }

    @Test
    void aWellFormedButUnassignedNumberIsInvalid() {
        assertThat(check.check("+910123456789", null)).isInstanceOf(PhoneNumberCheck.Invalid.class);
    }

    @Test
    void regionsAreIsoCodesLibphonenumberKnows() {
        assertThat(check.isKnownRegion("IN")).isTrue();
        assertThat(check.isKnownRegion("us")).isTrue();
        assertThat(check.isKnownRegion("XX")).isFalse();
        assertThat(check.isKnownRegion(null)).isFalse();
    }
}
