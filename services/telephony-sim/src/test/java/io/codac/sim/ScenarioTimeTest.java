package io.codac.sim;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ScenarioTimeTest {

    @Test
    void atAThousandfoldSpeedTenScenarioSecondsPassWithinTheBoundAndTheClockShowsThem() {
        try (var time = new ScenarioTime(1_000)) {
            Instant start = time.instant();
            var firedAt = new AtomicReference<Instant>();

            time.after(Duration.ofSeconds(10), () -> firedAt.set(time.instant()));

            await().atMost(Duration.ofSeconds(5)).until(() -> firedAt.get() != null);
            assertThat(Duration.between(start, firedAt.get())).isGreaterThanOrEqualTo(Duration.ofSeconds(10));
            assertThat(time.realTime(Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(10));
        }
    }

    @Test
    void aCancelledTimerNeverRunsAndAClosedClockRefusesQuietly() {
        var ran = new AtomicReference<Boolean>(false);
        var time = new ScenarioTime(1);
        time.after(Duration.ofHours(1), () -> ran.set(true)).cancel();
        time.close();

        time.after(Duration.ZERO, () -> ran.set(true)).cancel();

        assertThat(ran.get()).isFalse();
    }
}
