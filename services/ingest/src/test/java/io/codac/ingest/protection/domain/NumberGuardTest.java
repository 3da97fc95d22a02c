package io.codac.ingest.protection.domain;

import io.codac.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NumberGuardTest {

    private final MutableClock clock = MutableClock.atNoon();
    private final NumberGuard threePerHour = new NumberGuard(3);

    @Test
    void allowsTheLimitAndRefusesBeyondIt() {
        assertThat(threePerHour.allows(1)).isTrue();
        assertThat(threePerHour.allows(3)).isTrue();
        assertThat(threePerHour.allows(4)).isFalse();
    }

    @Test
    void requestsInOneClockHourShareAWindowWhichEndsOnTheHour() {
        clock.advance(Duration.ofMinutes(20));
        NumberGuard.Window window = threePerHour.window(clock.instant());

        clock.advance(Duration.ofMinutes(39));
        assertThat(threePerHour.window(clock.instant())).isEqualTo(window);
        assertThat(window.end()).isEqualTo(Instant.parse("2026-11-22T13:00:00Z"));
        assertThat(window.remaining(clock.instant())).isEqualTo(Duration.ofMinutes(1));

        clock.advance(Duration.ofMinutes(1));
        assertThat(threePerHour.window(clock.instant()).hour()).isEqualTo(window.hour() + 1);
    }

    @Test
    void theCounterOutlivesItsWindow() {
        clock.advance(Duration.ofMinutes(45));

        assertThat(threePerHour.keepFor(clock.instant())).isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void aGuardAllowsAtLeastOneRequest() {
        assertThatThrownBy(() -> new NumberGuard(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
