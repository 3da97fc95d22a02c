package io.codac.adapter.trunk.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallsPerSecondWindowTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final Duration SECOND = Duration.ofSeconds(1);

    @Test
    void aFullBurstUpToTheLimitIsAllowedAtOnce() {
        var window = new CallsPerSecondWindow(3, SECOND);

        assertThat(window.tryTake(T0)).isTrue();
        assertThat(window.tryTake(T0)).isTrue();
        assertThat(window.tryTake(T0)).isTrue();
        assertThat(window.tryTake(T0)).isFalse();
        assertThat(window.usedAt(T0)).isEqualTo(3);
    }

    @Test
    void eachTokenComesBackExactlyOneWindowAfterItWasSpent() {
        var window = new CallsPerSecondWindow(2, SECOND);
        window.tryTake(T0);
        window.tryTake(T0.plusMillis(300));

        assertThat(window.nextFreeAt(T0.plusMillis(500))).isEqualTo(T0.plusMillis(1000));
        assertThat(window.tryTake(T0.plusMillis(999))).isFalse();
        assertThat(window.tryTake(T0.plusMillis(1000))).isTrue();
        assertThat(window.nextFreeAt(T0.plusMillis(1000))).isEqualTo(T0.plusMillis(1300));
    }

    @Test
    void aFreeTokenIsFreeNow() {
        var window = new CallsPerSecondWindow(2, SECOND);

        assertThat(window.nextFreeAt(T0)).isEqualTo(T0);
    }

    @Test
    void noOneSecondWindowEverHoldsMoreStartsThanTheLimitUnderSaturatingDemand() {
        int limit = 5;
        var window = new CallsPerSecondWindow(limit, SECOND);
        List<Instant> starts = new ArrayList<>();
        // Demand every millisecond for five seconds: take whatever the window allows.
        for (int ms = 0; ms < 5_000; ms++) {
            Instant now = T0.plusMillis(ms);
            while (window.tryTake(now)) {
                starts.add(now);
            }
        }

        for (Instant start : starts) {
            long inWindow = starts.stream().filter(s -> !s.isBefore(start) && s.isBefore(start.plus(SECOND))).count();
            assertThat(inWindow).as("starts in [%s, +1s)", start).isLessThanOrEqualTo(limit);
        }
        assertThat(starts).hasSize(5 * limit); // and the contract is used in full
    }

    @Test
    void aTokenGivenBackCanBeTakenAgainAtOnce() {
        var window = new CallsPerSecondWindow(1, SECOND);
        window.tryTake(T0);

        window.giveBack(T0);

        assertThat(window.tryTake(T0.plusMillis(1))).isTrue();
    }

    @Test
    void givingBackATokenThatIsNotHeldChangesNothing() {
        var window = new CallsPerSecondWindow(1, SECOND);
        window.tryTake(T0);

        window.giveBack(T0.minusMillis(5));

        assertThat(window.tryTake(T0)).isFalse();
    }

    @Test
    void aClockSteppingBackNeverLetsMoreStartsIntoTheWindow() {
        var window = new CallsPerSecondWindow(2, SECOND);
        window.tryTake(T0.plusMillis(500));
        window.tryTake(T0); // the clock stepped back 500 ms

        assertThat(window.tryTake(T0.plusMillis(1200))).isFalse();
        assertThat(window.tryTake(T0.plusMillis(1500))).isTrue();
    }

    @Test
    void aRestampedTokenComesBackOneWindowAfterTheCallStarted() {
        var window = new CallsPerSecondWindow(1, SECOND);
        window.tryTake(T0);

        window.restamp(T0, T0.plusMillis(40));

        assertThat(window.nextFreeAt(T0.plusMillis(500))).isEqualTo(T0.plusMillis(1040));
    }

    @Test
    void aRestampKeepsTheWindowInOrder() {
        var window = new CallsPerSecondWindow(3, SECOND);
        window.tryTake(T0);
        window.tryTake(T0.plusMillis(10));
        window.tryTake(T0.plusMillis(20));

        window.restamp(T0, T0.plusMillis(15));

        assertThat(window.nextFreeAt(T0.plusMillis(30))).isEqualTo(T0.plusMillis(1010));
        assertThat(window.tryTake(T0.plusMillis(1010))).isTrue();
        assertThat(window.nextFreeAt(T0.plusMillis(1011))).isEqualTo(T0.plusMillis(1015));
    }

    @Test
    void aTokenIsNeverRestampedEarlier() {
        var window = new CallsPerSecondWindow(1, SECOND);
        window.tryTake(T0.plusMillis(100));

        window.restamp(T0.plusMillis(100), T0);

        assertThat(window.nextFreeAt(T0.plusMillis(200))).isEqualTo(T0.plusMillis(1100));
    }

    @Test
    void aTokenThatAgedOutWhileTheRequestWasInFlightCountsAgainFromTheStart() {
        var window = new CallsPerSecondWindow(1, SECOND);
        window.tryTake(T0);

        window.restamp(T0, T0.plusMillis(1500)); // the originate took 1.5 s to be answered

        assertThat(window.tryTake(T0.plusMillis(1600))).isFalse();
        assertThat(window.nextFreeAt(T0.plusMillis(1600))).isEqualTo(T0.plusMillis(2500));
    }

    @Test
    void aLimitOrWindowThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new CallsPerSecondWindow(0, SECOND)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CallsPerSecondWindow(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
