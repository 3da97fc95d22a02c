package io.codac.reporting.webhook.domain;

import io.codac.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BreakerPolicyTest {

    private final MutableClock clock = MutableClock.atNoon();

    @Test
    void aDeliveryRefusedByAnOpenBreakerWaitsForTheOpenPeriodPlusUpToHalfOfItAgain() {
        var policy = BreakerPolicy.DEFAULT;
        assertThat(policy.retryWhenOpen(clock.instant(), 0.0)).isEqualTo(clock.instant().plusSeconds(30));
        assertThat(policy.retryWhenOpen(clock.instant(), 0.5)).isEqualTo(clock.instant().plus(Duration.ofMillis(37_500)));
        assertThat(policy.retryWhenOpen(clock.instant(), 1.0)).isEqualTo(clock.instant().plusSeconds(45));
    }

    @Test
    void inconsistentPoliciesAreRefused() {
        assertThatThrownBy(() -> new BreakerPolicy(5, 6, 50, Duration.ofSeconds(1), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BreakerPolicy(5, 5, 0, Duration.ofSeconds(1), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BreakerPolicy(5, 5, 50, Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
