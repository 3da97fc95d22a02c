package io.codac.scheduler.verification;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulingSettingsTest {

    private static SchedulingSettings withGrace(Duration grace, Duration adapterDeliveryTimeout) {
        return new SchedulingSettings(Duration.ofSeconds(30), Duration.ofSeconds(10), grace, adapterDeliveryTimeout,
                Duration.ofSeconds(10), Duration.ofMinutes(10), Duration.ofMillis(250), 200);
    }

    @Test
    void theDefaultGraceCoversTheSharedSixtySecondDeliveryTimeout() {
        assertThat(withGrace(Duration.ofSeconds(75), Duration.ofSeconds(60)).lostAttemptGrace())
                .isGreaterThanOrEqualTo(Duration.ofSeconds(60).plus(SchedulingSettings.END_REPORT_MARGIN));
    }

    @Test
    void aGraceThatALateEndCouldOutliveIsRefusedAtStart() {
        // The old 15 s grace against the adapters' 60 s delivery timeout: an ENDED retried by the adapter's producer
        // could arrive after the attempt was presumed lost and the number dialed again.
        assertThatThrownBy(() -> withGrace(Duration.ofSeconds(15), Duration.ofSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delivery timeout");
        assertThatThrownBy(() -> withGrace(Duration.ofSeconds(69), Duration.ofSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonPositiveDelaysAreRefused() {
        assertThatThrownBy(() -> new SchedulingSettings(Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(75), Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofMinutes(10),
                Duration.ZERO, 200)).hasMessageContaining("placement retry delay");
    }
}
