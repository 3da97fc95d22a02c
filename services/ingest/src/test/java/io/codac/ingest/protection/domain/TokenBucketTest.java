package io.codac.ingest.protection.domain;

import io.codac.ingest.protection.domain.TokenBucket.Allowed;
import io.codac.ingest.protection.domain.TokenBucket.Decision;
import io.codac.ingest.protection.domain.TokenBucket.Refused;
import io.codac.ingest.protection.domain.TokenBucket.State;
import io.codac.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenBucketTest {

    private final MutableClock clock = MutableClock.atNoon();
    private final TokenBucket tenPerSecondBurstFive = new TokenBucket(10, 5);
    private State state = tenPerSecondBurstFive.fresh(now());

    private long now() {
        return ChronoUnit.MICROS.between(java.time.Instant.EPOCH, clock.instant());
    }

    private Decision take(int cost) {
        Decision decision = tenPerSecondBurstFive.take(state, now(), cost);
        state = decision.next();
        return decision;
    }

    @Test
    void aFreshBucketLetsABurstThroughThenRefuses() {
        for (int i = 0; i < 5; i++) {
            assertThat(take(1)).isInstanceOf(Allowed.class);
        }
        assertThat(take(1)).isInstanceOf(Refused.class);
    }

    @Test
    void refusedRequestsAreToldWhenTheNextTokenArrives() {
        for (int i = 0; i < 5; i++) {
            take(1);
        }
        clock.advanceMillis(30);

        Decision refused = take(1);

        assertThat(refused).isInstanceOf(Refused.class);
        assertThat(((Refused) refused).retryAfter()).isEqualTo(Duration.ofMillis(70));
    }

    @Test
    void theBucketRefillsAtItsRateButNeverBeyondItsBurst() {
        for (int i = 0; i < 5; i++) {
            take(1);
        }
        clock.advance(Duration.ofMillis(100));
        assertThat(take(1)).isInstanceOf(Allowed.class);
        assertThat(take(1)).isInstanceOf(Refused.class);

        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            assertThat(take(1)).isInstanceOf(Allowed.class);
        }
        assertThat(take(1)).isInstanceOf(Refused.class);
    }

    @Test
    void aBatchLargerThanTheBurstPassesAndLeavesTheBucketInDebtUntilRepaid() {
        assertThat(take(25)).isInstanceOf(Allowed.class);
        assertThat(state.tokens()).isEqualTo(-20);

        Decision refused = take(1);
        assertThat(((Refused) refused).retryAfter()).isEqualTo(Duration.ofMillis(2_100));

        clock.advance(Duration.ofMillis(2_100));
        assertThat(take(1)).isInstanceOf(Allowed.class);
    }

    @Test
    void aRefusedRequestTakesNothing() {
        for (int i = 0; i < 5; i++) {
            take(1);
        }
        take(1);
        take(1);
        clock.advance(Duration.ofMillis(100));

        assertThat(take(1)).isInstanceOf(Allowed.class);
    }

    @Test
    void aClockThatStepsBackDoesNotRefill() {
        for (int i = 0; i < 5; i++) {
            take(1);
        }
        clock.advance(Duration.ofSeconds(-10));

        assertThat(take(1)).isInstanceOf(Refused.class);
    }

    @Test
    void nonsenseSettingsAndCostsAreRefused() {
        assertThatThrownBy(() -> new TokenBucket(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(1, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> take(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
