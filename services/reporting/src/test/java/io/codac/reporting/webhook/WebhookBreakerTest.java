package io.codac.reporting.webhook;

import io.codac.reporting.webhook.domain.BreakerPolicy;
import io.codac.testsupport.MutableClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The breaker policy as resilience4j runs it, on a clock we move. */
class WebhookBreakerTest {

    private final MutableClock clock = MutableClock.atNoon();
    private final BreakerPolicy policy = new BreakerPolicy(10, 4, 50f, Duration.ofSeconds(30), 2);
    private final CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(WebhookConfiguration.breakerConfig(policy, clock));

    @Test
    void aFailingEndpointOpensItsBreakerAfterTheMinimumCallsAndOthersStayClosed() {
        CircuitBreaker dead = breakers.circuitBreaker("https://dead.example:443");
        CircuitBreaker healthy = breakers.circuitBreaker("https://shop.example:443");

        for (int i = 0; i < 3; i++) {
            fail(dead);
            succeed(healthy);
        }
        assertThat(dead.getState()).isEqualTo(CircuitBreaker.State.CLOSED); // 3 calls: not judged yet
        fail(dead);

        assertThat(dead.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(dead.tryAcquirePermission()).isFalse();
        assertThat(healthy.tryAcquirePermission()).isTrue();
    }

    @Test
    void afterTheOpenPeriodProbesDecide() {
        CircuitBreaker endpoint = breakers.circuitBreaker("https://flaky.example:443");
        for (int i = 0; i < 4; i++) {
            fail(endpoint);
        }
        clock.advance(Duration.ofSeconds(29));
        assertThat(endpoint.tryAcquirePermission()).isFalse();

        clock.advance(Duration.ofSeconds(2));
        assertThat(endpoint.tryAcquirePermission()).isTrue();
        assertThat(endpoint.getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        endpoint.onSuccess(1, TimeUnit.MILLISECONDS);
        succeed(endpoint);

        assertThat(endpoint.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aFailedProbeOpensItAgain() {
        CircuitBreaker endpoint = breakers.circuitBreaker("https://down.example:443");
        for (int i = 0; i < 4; i++) {
            fail(endpoint);
        }
        clock.advance(Duration.ofSeconds(31));
        fail(endpoint);
        fail(endpoint);

        assertThat(endpoint.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(endpoint.tryAcquirePermission()).isFalse();
    }

    private static void fail(CircuitBreaker breaker) {
        assertThat(breaker.tryAcquirePermission()).isTrue();
        breaker.onError(1, TimeUnit.MILLISECONDS, new IOException("HTTP 503"));
    }

    private static void succeed(CircuitBreaker breaker) {
        assertThat(breaker.tryAcquirePermission()).isTrue();
        breaker.onSuccess(1, TimeUnit.MILLISECONDS);
    }
}
