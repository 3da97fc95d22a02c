package io.codac.scheduler;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The {@code codac.scheduler.*} settings.
 *
 * @param maxAttempts            attempts per verification that may reach a carrier (hand-backs do not count)
 * @param retryBackOff           the first wait before retrying an unreachable number; doubles each time
 * @param ringTimeout            how long a number may ring ({@code DialCommand.ringTimeoutSeconds})
 * @param dispatchWindow         how long a dial command stays valid ({@code DialCommand.notAfter})
 * @param lostAttemptGrace       added to {@code notAfter} + ring timeout before a silent attempt is presumed lost;
 *                               must cover the adapters' delivery timeout plus 10 s (checked at start)
 * @param adapterDeliveryTimeout the dialer adapters' producer {@code delivery.timeout.ms}; unset, it is taken to be
 *                               the same as this service's own (both come from the shared Kafka defaults)
 * @param republishAfter         a result not confirmed published by then is published again
 * @param defaultTtl             the time to live of a request that carries no {@code expiresAt}
 * @param placementRetryDelay    a verification that could not be placed (its number in a call, no trunk with
 *                               room for it) is looked at again this much later, behind the others waiting
 * @param sweepInterval          how often the ledger is swept for due verifications
 * @param sweepBatch             the most rows of each kind one sweep handles
 * @param linePlacementInterval  how often, between sweeps, the waiting line is placed on the trunks that have room
 * @param relayAfter             a dial command recorded this long ago and still not acknowledged is the outbox
 *                               relay's to publish again (or fence, past its {@code notAfter})
 * @param adapterClaimTtl        the dialer adapters' claim TTL ({@code codac.adapter.claim-ttl}): a fence lasts as long
 * @param attemptMemoryTtl       how long the routes a number failed on are avoided for that number
 * @param capacityLeaseTtl       a channel lease in the shared capacity ledger lasts this long unless renewed (renewed
 *                               every third of it): an instance that dies gives its channels back after at most this
 * @param cpsWindowMargin        added to the shared one-second CPS window (keep equal to the adapters')
 * @param queueCapacity          the most verifications waiting in this instance's line
 * @param queueHighWatermark     at this many waiting, new requests are paused (they wait in Kafka)
 * @param queueLowWatermark      ... until the line has fallen to this many
 * @param placementThreads       threads placing verifications from the line in parallel
 * @param listenerConcurrency    consumer threads for requests and call events (each takes some partitions)
 * @param callEventThreads       threads a poll's call events are followed on, those of one number in order
 * @param suspectAfter           a server silent for longer gets no new work
 * @param deadAfter              a server silent for longer is dead: its unstarted work moves to healthy peers
 * @param rampUp                 a server back from the dead grows to its whole contract over this long (0: at once)
 * @param rampUpMinimumShare     the share of its contract a server back from the dead starts with, within (0, 1]
 * @param routeHalfLife          route health forgets half of what it observed in this long
 * @param routePriorWeight       how many attempts of evidence the operator-wide connect rate is worth when a
 *                               route's own record is judged (a route with fewer is pulled toward it)
 * @param degradedRouteRatio     a route connecting below this fraction of the best route for the operator is used
 *                               only when no healthier trunk has room
 * @param failingRouteRate       a route that failed this share of its last seconds' calls (5 s half-life) is used only
 *                               when no other usable trunk works for the number (route-aware policy)
 * @param placementPolicy        {@code route-aware} (ours); {@code naive-round-robin}, the scenario benchmark's baseline
 *                               (ADR 0009: round-robin over live servers' trunks, blind to their use, no shared
 *                               capacity, no failover — never in production); {@code round-robin}, round-robin
 *                               trunk choice within our headroom, shared capacity and failover (the benchmark's
 *                               second comparison)
 */
@ConfigurationProperties("codac.scheduler")
public record SchedulerProperties(
        @DefaultValue("3") int maxAttempts,
        @DefaultValue("2s") Duration retryBackOff,
        @DefaultValue("30s") Duration ringTimeout,
        @DefaultValue("10s") Duration dispatchWindow,
        @DefaultValue("75s") Duration lostAttemptGrace,
        Duration adapterDeliveryTimeout,
        @DefaultValue("10s") Duration republishAfter,
        @DefaultValue("10m") Duration defaultTtl,
        @DefaultValue("250ms") Duration placementRetryDelay,
        @DefaultValue("100ms") Duration sweepInterval,
        @DefaultValue("200") int sweepBatch,
        @DefaultValue("10ms") Duration linePlacementInterval,
        @DefaultValue("2s") Duration relayAfter,
        @DefaultValue("1h") Duration adapterClaimTtl,
        @DefaultValue("15m") Duration attemptMemoryTtl,
        @DefaultValue("15s") Duration capacityLeaseTtl,
        @DefaultValue("10ms") Duration cpsWindowMargin,
        @DefaultValue("100000") int queueCapacity,
        @DefaultValue("80000") int queueHighWatermark,
        @DefaultValue("40000") int queueLowWatermark,
        @DefaultValue("8") int placementThreads,
        @DefaultValue("3") int listenerConcurrency,
        @DefaultValue("8") int callEventThreads,
        @DefaultValue("1s") Duration suspectAfter,
        @DefaultValue("1500ms") Duration deadAfter,
        @DefaultValue("30s") Duration rampUp,
        @DefaultValue("0.1") double rampUpMinimumShare,
        @DefaultValue("60s") Duration routeHalfLife,
        @DefaultValue("20") double routePriorWeight,
        @DefaultValue("0.5") double degradedRouteRatio,
        @DefaultValue("0.5") double failingRouteRate,
        @DefaultValue("route-aware") PlacementPolicyKind placementPolicy) {

    /** Which placement policy the scheduler runs. */
    public enum PlacementPolicyKind {
        ROUTE_AWARE,
        ROUND_ROBIN,
        NAIVE_ROUND_ROBIN;

        /** The naive baseline runs without the distribution layer: no shared capacity, no failover (ADR 0009). */
        public boolean withoutDistributionLayer() {
            return this == NAIVE_ROUND_ROBIN;
        }
    }

    public SchedulerProperties {
        if (sweepInterval == null || sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("codac.scheduler.sweep-interval must be positive, was " + sweepInterval);
        }
        if (linePlacementInterval == null || linePlacementInterval.isNegative() || linePlacementInterval.isZero()) {
            throw new IllegalArgumentException("codac.scheduler.line-placement-interval must be positive, was "
                    + linePlacementInterval);
        }
    }
}
