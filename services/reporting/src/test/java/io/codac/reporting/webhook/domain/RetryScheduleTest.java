package io.codac.reporting.webhook.domain;

import io.codac.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryScheduleTest {

    private final RetrySchedule schedule = RetrySchedule.DEFAULT;
    private final MutableClock clock = MutableClock.atNoon();

    @Test
    void nominalDelaysDoubleFromOneSecondUpToOneHour() {
        assertThat(schedule.nominalDelay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(schedule.nominalDelay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(schedule.nominalDelay(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(schedule.nominalDelay(12)).isEqualTo(Duration.ofSeconds(2048));
        assertThat(schedule.nominalDelay(13)).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.nominalDelay(500)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void jitterKeepsEachDelayBetweenHalfAndAllOfItsNominalValue() {
        assertThat(schedule.delay(5, 0.0)).isEqualTo(Duration.ofSeconds(8));
        assertThat(schedule.delay(5, 0.5)).isEqualTo(Duration.ofSeconds(12));
        assertThat(schedule.delay(5, 0.999999)).isBetween(Duration.ofMillis(15_990), Duration.ofSeconds(16));
        assertThat(schedule.delay(5, 7.0)).isEqualTo(Duration.ofSeconds(16)); // out-of-range randoms are clamped
    }

    @Test
    void aDeliveryThatAlwaysFailsIsRetriedForAtLeastTwentyFourHoursThenGivenUp() {
        Instant created = clock.instant();
        Instant giveUpAt = schedule.giveUpAt(created);
        int failures = 0;
        Optional<Instant> next = Optional.of(created);
        Instant lastAttempt = created;
        while (next.isPresent()) {
            clock.set(next.get());
            lastAttempt = clock.instant();
            failures++;
            // Worst case for duration: always the shortest jittered delay.
            next = schedule.next(failures, clock.instant(), giveUpAt, 0.0);
        }
        assertThat(Duration.between(created, lastAttempt)).isGreaterThanOrEqualTo(Duration.ofHours(24));
        assertThat(lastAttempt).isBeforeOrEqualTo(giveUpAt);
        assertThat(failures).isBetween(30, 80);
    }

    @Test
    void theNextAttemptNeverFallsAfterTheGiveUpTime() {
        Instant giveUpAt = clock.instant().plusSeconds(10);
        assertThat(schedule.next(5, clock.instant(), giveUpAt, 0.0)).contains(clock.instant().plusSeconds(8));
        assertThat(schedule.next(5, clock.instant(), giveUpAt, 0.5)).isEmpty(); // 12 s > 10 s
    }

    @Test
    void invalidSchedulesAreRefused() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, 2, Duration.ofSeconds(1), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(2), 2, Duration.ofSeconds(1), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(1), 0.5, Duration.ofSeconds(1), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
