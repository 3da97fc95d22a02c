package io.codac.adapter.call.domain;

import io.codac.contracts.domain.Trunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PjsipEndpointTest {

    private static final Trunk TRUNK = new Trunk("srv1-airtel", "airtel", 0, 20, 60);

    @Test
    void anE164NumberOnAFleetTrunkIsDialedAsPjsipNumberAtTrunk() {
        assertThat(new PjsipEndpoint("+919876543210", TRUNK).dialString()).isEqualTo("PJSIP/+919876543210@srv1-airtel");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"919876543210", "+0919876543", "+91 98765 43210", "+12345", "+1234567890123456",
            "+919876543210&PJSIP/+33612345678@srv1-airtel", "+91987654321@other", "+9198765/43210",
            "+919876543210,tT", "+٩١٩٨٧٦٥٤٣٢١"})
    void anythingButAnE164NumberIsNeverPutInADialString(String number) {
        assertThat(PjsipEndpoint.isDialable(number)).isFalse();
        assertThatThrownBy(() -> new PjsipEndpoint(number, TRUNK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an E.164 number");
    }

    @Test
    void theRefusalMasksTheNumber() {
        assertThatThrownBy(() -> new PjsipEndpoint("+919876543210&x", TRUNK))
                .hasMessageNotContaining("9876543210");
    }

    @Test
    void aNumberNeedsATrunk() {
        assertThatThrownBy(() -> new PjsipEndpoint("+919876543210", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
