package io.codac.scheduler;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The {@code codac.scheduler.*} settings.
 *
 * @param heartbeatTimeout a server whose last heartbeat is older gets no new work
 * @param maxAttempts      attempts per verification that may reach a carrier (hand-backs do not count)
 * @param retryBackOff     the first wait before retrying an unreachable number; doubles each time
 * @param ringTimeout      how long a number may ring ({@code DialCommand.ringTimeoutSeconds})
 * @param dispatchWindow   how long a dial command stays valid ({@code DialCommand.notAfter})
 * @param lostAttemptGrace added to {@code notAfter} + ring timeout before a silent attempt is presumed lost
 * @param republishAfter   a result not confirmed published by then is published again
 * @param defaultTtl       the time to live of a request that carries no {@code expiresAt}
 * @param sweepInterval    how often the ledger is swept for due verifications
 * @param sweepBatch       the most verifications one sweep handles
 */
@ConfigurationProperties("codac.scheduler")
public record SchedulerProperties(
        @DefaultValue("2s") Duration heartbeatTimeout,
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("2s") Duration retryBackOff,
        @DefaultValue("30s") Duration ringTimeout,
        @DefaultValue("10s") Duration dispatchWindow,
        @DefaultValue("15s") Duration lostAttemptGrace,
        @DefaultValue("10s") Duration republishAfter,
        @DefaultValue("10m") Duration defaultTtl,
        @DefaultValue("100ms") Duration sweepInterval,
        @DefaultValue("200") int sweepBatch) {

    public SchedulerProperties {
        if (sweepInterval == null || sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("codac.scheduler.sweep-interval must be positive, was " + sweepInterval);
        }
    }
}
