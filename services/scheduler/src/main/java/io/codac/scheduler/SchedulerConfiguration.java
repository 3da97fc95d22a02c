package io.codac.scheduler;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.OutcomeClassifier;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.topic.Topics;
import io.codac.scheduler.capacity.RedisCapacityLedger;
import io.codac.scheduler.capacity.domain.CapacityLedger;
import io.codac.scheduler.capacity.domain.UnsharedCapacityLedger;
import io.codac.scheduler.failover.RedisDialFence;
import io.codac.scheduler.failover.domain.DialFence;
import io.codac.scheduler.fleet.domain.FleetView;
import io.codac.scheduler.memory.RedisAttemptMemory;
import io.codac.scheduler.memory.domain.AttemptMemory;
import io.codac.scheduler.fleet.domain.LivenessSettings;
import io.codac.scheduler.ledger.R2dbcVerificationLedger;
import io.codac.scheduler.messaging.MessagingConfiguration;
import io.codac.scheduler.messaging.RequestIntake;
import io.codac.scheduler.metrics.MicrometerSchedulerMetrics;
import io.codac.scheduler.metrics.SchedulerGauges;
import io.codac.scheduler.operations.FleetRoutes;
import io.codac.scheduler.operations.OperatorDrains;
import io.codac.scheduler.operations.R2dbcServerDrains;
import io.codac.scheduler.placement.domain.NaiveRoundRobinPolicy;
import io.codac.scheduler.placement.domain.PlacementPolicy;
import io.codac.scheduler.placement.domain.RoundRobinPolicy;
import io.codac.scheduler.placement.domain.RouteAwarePolicy;
import io.codac.scheduler.verification.AcceptingRequests;
import io.codac.scheduler.verification.CompletingVerifications;
import io.codac.scheduler.verification.DialCommandPublisher;
import io.codac.scheduler.verification.DispatchingAttempts;
import io.codac.scheduler.verification.FailingOver;
import io.codac.scheduler.verification.FollowingCalls;
import io.codac.scheduler.verification.OwnedPartitions;
import io.codac.scheduler.verification.ParallelWork;
import io.codac.scheduler.verification.PublishedResults;
import io.codac.scheduler.verification.SentCommands;
import io.codac.scheduler.verification.QueueingVerifications;
import io.codac.scheduler.verification.RelayingCommands;
import io.codac.scheduler.verification.ResultPublisher;
import io.codac.scheduler.verification.SchedulerMetrics;
import io.codac.scheduler.verification.SchedulingSettings;
import io.codac.scheduler.verification.SettlingAttempts;
import io.codac.scheduler.verification.SharedCapacity;
import io.codac.scheduler.verification.SweepingLedger;
import io.codac.scheduler.verification.TakingOverPartitions;
import io.codac.scheduler.verification.WaitingLine;
import io.codac.scheduler.verification.domain.RetryPolicy;
import io.codac.scheduler.verification.domain.VerificationLedger;
import io.codac.support.RedisKeys;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import redis.clients.jedis.JedisPooled;

import java.time.Clock;
import java.time.Duration;

/** The scheduler's domain and use cases, wired explicitly in one place. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulerProperties.class)
public class SchedulerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SchedulerConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SchedulerInstance schedulerInstance(Topics topics) {
        return SchedulerInstance.random(topics);
    }

    @Bean
    SchedulingSettings schedulingSettings(SchedulerProperties properties, ProducerFactory<?, ?> producers) {
        // The adapters' call events come through producers configured from the same shared Kafka defaults.
        Duration adapterDeliveryTimeout = properties.adapterDeliveryTimeout() != null
                ? properties.adapterDeliveryTimeout()
                : MessagingConfiguration.deliveryTimeoutOf(producers);
        return new SchedulingSettings(properties.ringTimeout(), properties.dispatchWindow(),
                properties.lostAttemptGrace(), adapterDeliveryTimeout, properties.republishAfter(),
                properties.defaultTtl(), properties.placementRetryDelay(), properties.sweepBatch());
    }

    @Bean
    FleetView fleetView(Fleet fleet, SchedulerProperties properties, Clock clock) {
        PlacementPolicy policy = switch (properties.placementPolicy()) {
            case ROUTE_AWARE -> new RouteAwarePolicy(properties.routePriorWeight(), properties.degradedRouteRatio(),
                    properties.failingRouteRate());
            case ROUND_ROBIN -> new RoundRobinPolicy();
            case NAIVE_ROUND_ROBIN -> new NaiveRoundRobinPolicy();
        };
        if (properties.placementPolicy() != SchedulerProperties.PlacementPolicyKind.ROUTE_AWARE) {
            log.warn("codac.scheduler.placement-policy is {}: a baseline of the placement scenario benchmark"
                    + " (ADR 0009), not for production{}", properties.placementPolicy(),
                    properties.placementPolicy().withoutDistributionLayer()
                            ? " — trunks are filled blind to their use, no capacity is shared, no failover" : "");
        }
        var liveness = new LivenessSettings(properties.suspectAfter(), properties.deadAfter(), properties.rampUp(),
                properties.rampUpMinimumShare());
        return new FleetView(fleet, policy, clock, liveness, properties.routeHalfLife());
    }

    @Bean
    RetryPolicy retryPolicy(SchedulerProperties properties) {
        return new RetryPolicy(properties.maxAttempts(), properties.retryBackOff());
    }

    @Bean
    VerificationLedger verificationLedger(DatabaseClient db, ReactiveTransactionManager transactions, EventCodec codec) {
        return new R2dbcVerificationLedger(db, TransactionalOperator.create(transactions), codec);
    }

    /** Routes each number failed on lately, shared by every instance (a hint: losing it costs no verification). */
    @Bean
    AttemptMemory attemptMemory(JedisPooled redis, RedisKeys keys, SchedulerProperties properties) {
        return new RedisAttemptMemory(redis, keys, properties.attemptMemoryTtl());
    }

    @Bean
    OperatorDrains operatorDrains(DatabaseClient db, FleetView fleet, Clock clock) {
        return new OperatorDrains(new R2dbcServerDrains(db), fleet, Duration.ofSeconds(1), clock);
    }

    @Bean
    RouterFunction<ServerResponse> fleetRoutes(FleetView view, Fleet fleet, OperatorDrains drains) {
        return FleetRoutes.routes(view, fleet, drains);
    }

    /** Verifications waiting for a trunk, fair between clients, bounded (back-pressure on requests above it). */
    @Bean
    WaitingLine waitingLine(SchedulerProperties properties) {
        return new WaitingLine(properties.queueCapacity(), properties.queueHighWatermark(),
                properties.queueLowWatermark());
    }

    @Bean
    QueueingVerifications queueingVerifications(VerificationLedger ledger, WaitingLine line,
                                                DispatchingAttempts dispatching) {
        return new QueueingVerifications(ledger, line, dispatching);
    }

    @Bean
    SchedulerGauges schedulerGauges(MeterRegistry registry, WaitingLine line, FleetView fleet, Clock clock) {
        return new SchedulerGauges(registry, line, fleet, clock);
    }

    @Bean
    OwnedPartitions ownedPartitions() {
        return new OwnedPartitions();
    }

    @Bean
    TakingOverPartitions takingOverPartitions(VerificationLedger ledger, FleetView fleet, OwnedPartitions owned,
                                              SharedCapacity capacity, WaitingLine line) {
        return new TakingOverPartitions(ledger, fleet, owned, capacity, line);
    }

    /**
     * Channel leases and CPS windows of every trunk, shared by the scheduler instances (ADR 0007); none for the naive
     * baseline, which does not keep within headroom (ADR 0009).
     */
    @Bean
    CapacityLedger capacityLedger(JedisPooled redis, RedisKeys keys, SchedulerProperties properties) {
        if (properties.placementPolicy().withoutDistributionLayer()) {
            return new UnsharedCapacityLedger();
        }
        return new RedisCapacityLedger(redis, keys, properties.capacityLeaseTtl(), properties.cpsWindowMargin());
    }

    @Bean
    SharedCapacity sharedCapacity(CapacityLedger ledger, Fleet fleet, FleetView view, SchedulerProperties properties,
                                  Clock clock) {
        return new SharedCapacity(ledger, fleet, view, properties.capacityLeaseTtl().dividedBy(3), clock);
    }

    /** The adapters' claim key, taken first: an unstarted command is never dialed and its attempt may move. */
    @Bean
    DialFence dialFence(JedisPooled redis, RedisKeys keys, SchedulerProperties properties,
                        SchedulerInstance instance) {
        return new RedisDialFence(redis, keys, properties.adapterClaimTtl(), instance.id());
    }

    @Bean
    RelayingCommands relayingCommands(VerificationLedger ledger, Fleet fleet, DialCommandPublisher commands,
                                      DialFence fence, SettlingAttempts settling, SchedulerMetrics metrics,
                                      SchedulerProperties properties, Clock clock) {
        return new RelayingCommands(ledger, fleet, commands, fence, settling, metrics, properties.relayAfter(),
                properties.sweepBatch(), clock);
    }

    @Bean
    FailingOver failingOver(VerificationLedger ledger, DialFence fence, SettlingAttempts settling,
                            SchedulerMetrics metrics, SchedulerProperties properties, Clock clock) {
        if (properties.placementPolicy().withoutDistributionLayer()) {
            return FailingOver.leavingWorkInPlace(ledger, fence, settling, metrics, clock);
        }
        return new FailingOver(ledger, fence, settling, metrics, clock);
    }

    @Bean
    SchedulerMetrics schedulerMetrics(MeterRegistry registry) {
        return new MicrometerSchedulerMetrics(registry);
    }

    @Bean
    DispatchingAttempts dispatchingAttempts(VerificationLedger ledger, FleetView fleet, DialCommandPublisher commands,
                                            SchedulerMetrics metrics, SchedulingSettings settings,
                                            AttemptMemory memory, SharedCapacity capacity, SentCommands sent,
                                            WaitingLine line, Clock clock) {
        return new DispatchingAttempts(ledger, fleet, commands, metrics, settings, memory, capacity, sent, line,
                clock);
    }

    @Bean
    SentCommands sentCommands(VerificationLedger ledger, Clock clock) {
        return new SentCommands(ledger, clock);
    }

    @Bean
    ParallelWork parallelPlacement(SchedulerProperties properties) {
        return new ParallelWork(properties.placementThreads());
    }

    @Bean
    CompletingVerifications completingVerifications(VerificationLedger ledger, ResultPublisher results,
                                                    SchedulerMetrics metrics, SchedulingSettings settings,
                                                    PublishedResults published, Clock clock) {
        return new CompletingVerifications(ledger, results, metrics, settings, published, clock);
    }

    @Bean
    PublishedResults publishedResults(VerificationLedger ledger) {
        return new PublishedResults(ledger);
    }

    @Bean
    SettlingAttempts settlingAttempts(VerificationLedger ledger, FleetView fleet, RetryPolicy retryPolicy,
                                      DispatchingAttempts dispatching, CompletingVerifications completing,
                                      SchedulerMetrics metrics, AttemptMemory memory, SharedCapacity capacity,
                                      Clock clock) {
        return new SettlingAttempts(ledger, fleet, retryPolicy, dispatching, completing, metrics, memory, capacity,
                clock);
    }

    @Bean
    AcceptingRequests acceptingRequests(VerificationLedger ledger, DispatchingAttempts dispatching,
                                        CompletingVerifications completing, SchedulingSettings settings,
                                        WaitingLine line, QueueingVerifications queueing, FleetView fleet,
                                        ParallelWork placing, Clock clock) {
        return new AcceptingRequests(ledger, dispatching, completing, settings, line, queueing, fleet, placing, clock);
    }

    @Bean
    FollowingCalls followingCalls(VerificationLedger ledger, RetryPolicy retryPolicy, SettlingAttempts settling,
                                  CompletingVerifications completing, Clock clock) {
        return new FollowingCalls(ledger, new OutcomeClassifier(), retryPolicy, settling, completing, clock);
    }

    @Bean
    SweepingLedger sweepingLedger(VerificationLedger ledger, FleetView fleet, DispatchingAttempts dispatching,
                                  SettlingAttempts settling, CompletingVerifications completing,
                                  RelayingCommands relaying, FailingOver failingOver, SharedCapacity capacity,
                                  OwnedPartitions owned, WaitingLine line, QueueingVerifications queueing,
                                  SentCommands sent, PublishedResults published, ParallelWork placing,
                                  SchedulerMetrics metrics, SchedulingSettings settings, Clock clock) {
        return new SweepingLedger(ledger, fleet, dispatching, settling, completing, relaying, failingOver, capacity,
                owned, line, queueing, sent, published, placing, metrics, settings, clock);
    }

    @Bean
    FixedDelayWork ledgerSweeper(SweepingLedger sweeping, OperatorDrains drains, RequestIntake intake,
                                 SchedulerGauges gauges, SchedulerProperties properties) {
        return new FixedDelayWork("ledger-sweep", () -> {
            drains.refreshIfDue();
            sweeping.sweep();
            intake.apply();
            gauges.updateIfDue();
        }, properties.sweepInterval());
    }

    /**
     * Trunk slots free continuously (each CPS slot a second after its start, each channel when its call ends), while the
     * sweep runs every {@code sweep-interval} plus the time its queries take: placing from the line only there left
     * trunks idle for a good part of every second under saturation. This places from the line between sweeps too.
     */
    @Bean
    FixedDelayWork linePlacer(SweepingLedger sweeping, SchedulerProperties properties) {
        return new FixedDelayWork("line-placement", sweeping::placeFromLine, properties.linePlacementInterval());
    }
}
