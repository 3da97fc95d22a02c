package io.codac.contracts.phone;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DestinationOperatorsTest {

    private final DestinationOperators operators = new DestinationOperators();

    @Test
    void namesTheOperatorOfAnIndianMobileSeries() {
        assertThat(operators.operatorOf("+919812345678")).isNotEqualTo(DestinationOperators.UNKNOWN).isNotBlank();
    }

    @Test
    void saysUnknownForWhatItCannotName() {
        assertThat(operators.operatorOf(null)).isEqualTo(DestinationOperators.UNKNOWN);
        assertThat(operators.operatorOf("not a number")).isEqualTo(DestinationOperators.UNKNOWN);
        assertThat(operators.operatorOf("+918069000001")).isEqualTo(DestinationOperators.UNKNOWN);
    }
}
