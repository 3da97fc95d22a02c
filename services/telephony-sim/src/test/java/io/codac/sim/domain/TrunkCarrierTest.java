package io.codac.sim.domain;

import io.codac.contracts.domain.Trunk;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TrunkCarrierTest {

    private static final Instant T0 = Instant.parse("2026-01-05T10:00:00Z");

    @Test
    void admitsTheContractedCallsPerSecondAndRefusesTheNextAtOnce() {
        var carrier = new TrunkCarrier(new Trunk("t1", "airtel", 0, 3, 100), "srv1");

        assertThat(carrier.admit(T0)).isEqualTo(Admission.ADMITTED);
        assertThat(carrier.admit(T0.plusMillis(300))).isEqualTo(Admission.ADMITTED);
        assertThat(carrier.admit(T0.plusMillis(600))).isEqualTo(Admission.ADMITTED);
        assertThat(carrier.admit(T0.plusMillis(999))).isEqualTo(Admission.OVER_CPS);

        assertThat(carrier.stats().attempts()).isEqualTo(4);
        assertThat(carrier.stats().overLimitRejections()).isEqualTo(1);
    }

    @Test
    void theWindowSlidesOneSecondBehindEachCall() {
        var carrier = new TrunkCarrier(new Trunk("t1", "airtel", 0, 2, 100), "srv1");
        carrier.admit(T0);
        carrier.admit(T0.plusMillis(500));

        assertThat(carrier.admit(T0.plusMillis(999))).isEqualTo(Admission.OVER_CPS);
        assertThat(carrier.admit(T0.plusSeconds(1))).isEqualTo(Admission.ADMITTED); // the call at T0 left the window
        assertThat(carrier.admit(T0.plusMillis(1_400))).isEqualTo(Admission.OVER_CPS);
        assertThat(carrier.admit(T0.plusMillis(1_500))).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void refusedCallsDoNotUseUpTheWindow() {
        var carrier = new TrunkCarrier(new Trunk("t1", "airtel", 0, 1, 100), "srv1");
        carrier.admit(T0);
        for (int i = 1; i <= 5; i++) {
            assertThat(carrier.admit(T0.plusMillis(100 * i))).isEqualTo(Admission.OVER_CPS);
        }

        assertThat(carrier.admit(T0.plus(Duration.ofSeconds(1)))).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void refusesCallsBeyondTheChannelLimitUntilOneEnds() {
        var carrier = new TrunkCarrier(new Trunk("t1", "airtel", 0, 100, 2), "srv1");

        assertThat(carrier.admit(T0)).isEqualTo(Admission.ADMITTED);
        assertThat(carrier.admit(T0.plusMillis(1))).isEqualTo(Admission.ADMITTED);
        assertThat(carrier.admit(T0.plusMillis(2))).isEqualTo(Admission.OVER_CHANNELS);
        carrier.release();
        assertThat(carrier.admit(T0.plusMillis(3))).isEqualTo(Admission.ADMITTED);

        TrunkStats stats = carrier.stats();
        assertThat(stats.peakChannels()).isEqualTo(2);
        assertThat(stats.maxChannels()).isEqualTo(2);
        assertThat(stats.liveChannels()).isEqualTo(2);
        assertThat(stats.overLimitRejections()).isEqualTo(1);
        assertThat(stats.server()).isEqualTo("srv1");
    }
}
