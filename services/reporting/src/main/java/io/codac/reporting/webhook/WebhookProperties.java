package io.codac.reporting.webhook;

import io.codac.reporting.webhook.domain.BreakerPolicy;
import io.codac.reporting.webhook.domain.RetrySchedule;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code codac.reporting.*}: webhook settings. Defaults are production's; tests shorten the delays.
 *
 * @param allowInsecureCallbacks {@code http} callbacks on loopback (local stack only)
 * @param webhooks               retry, breaker and sender settings
 */
@ConfigurationProperties("codac.reporting")
public record WebhookProperties(@DefaultValue("false") boolean allowInsecureCallbacks,
                                @DefaultValue Webhooks webhooks) {

    /**
     * @param initialDelay   first retry delay
     * @param multiplier     back-off factor
     * @param maxDelay       longest delay between attempts
     * @param maxAge         how long a delivery is retried (at least 24 h in production)
     * @param pollInterval   how often due retries are looked for (first attempts are sent at once)
     * @param lease          how long an instance owns a delivery it is sending (longer than requestTimeout)
     * @param requestTimeout the HTTP timeout of one attempt
     * @param senders        concurrent HTTP attempts per instance
     * @param breakerWindow  calls in the breaker's sliding window
     * @param breakerMinimumCalls calls before the breaker judges
     * @param breakerFailureRate  failure rate (%) that opens it
     * @param breakerOpenFor how long it stays open
     */
    public record Webhooks(@DefaultValue("1s") Duration initialDelay,
                           @DefaultValue("2.0") double multiplier,
                           @DefaultValue("1h") Duration maxDelay,
                           @DefaultValue("25h") Duration maxAge,
                           @DefaultValue("500ms") Duration pollInterval,
                           @DefaultValue("30s") Duration lease,
                           @DefaultValue("10s") Duration requestTimeout,
                           @DefaultValue("8") int senders,
                           @DefaultValue("20") int breakerWindow,
                           @DefaultValue("5") int breakerMinimumCalls,
                           @DefaultValue("50") float breakerFailureRate,
                           @DefaultValue("30s") Duration breakerOpenFor) {

        RetrySchedule schedule() {
            return new RetrySchedule(initialDelay, multiplier, maxDelay, maxAge);
        }

        BreakerPolicy breaker() {
            return new BreakerPolicy(breakerWindow, breakerMinimumCalls, breakerFailureRate, breakerOpenFor, 2);
        }
    }
}
