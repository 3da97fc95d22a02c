package io.codac.adapter.phone;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorLookupTest {

    private final OperatorLookup lookup = new OperatorLookup();

    @Test
    void aMobileNumberHasTheOperatorItsRangeWasAllocatedTo() {
        assertThat(lookup.operatorOf("+919812345678")).isNotBlank().isNotEqualTo(OperatorLookup.UNKNOWN);
    }

    @Test
    void anUnparseableOrUnknownNumberIsUnknown() {
        assertThat(lookup.operatorOf(null)).isEqualTo(OperatorLookup.UNKNOWN);
        assertThat(lookup.operatorOf("not a number")).isEqualTo(OperatorLookup.UNKNOWN);
        assertThat(lookup.operatorOf("+80012345678")).isEqualTo(OperatorLookup.UNKNOWN);
    }
}
