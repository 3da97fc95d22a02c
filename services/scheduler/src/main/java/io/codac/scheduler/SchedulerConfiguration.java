package io.codac.scheduler;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.OutcomeClassifier;
import io.codac.contracts.topic.Topics;
import io.codac.scheduler.fleet.domain.FleetView;
import io.codac.scheduler.fleet.domain.LivenessSettings;
import io.codac.scheduler.ledger.R2dbcVerificationLedger;
import io.codac.scheduler.messaging.MessagingConfiguration;
import io.codac.scheduler.metrics.MicrometerSchedulerMetrics;
import io.codac.scheduler.placement.domain.PlacementPolicy;
import io.codac.scheduler.placement.domain.RoundRobinPolicy;
import io.codac.scheduler.placement.domain.RouteAwarePolicy;
import io.codac.scheduler.verification.AcceptingRequests;
import io.codac.scheduler.verification.CompletingVerifications;
import io.codac.scheduler.verification.DialCommandPublisher;
import io.codac.scheduler.verification.DispatchingAttempts;
import io.codac.scheduler.verification.FollowingCalls;
import io.codac.scheduler.verification.ResultPublisher;
import io.codac.scheduler.verification.SchedulerMetrics;
import io.codac.scheduler.verification.SchedulingSettings;
import io.codac.scheduler.verification.SettlingAttempts;
import io.codac.scheduler.verification.SweepingLedger;
import io.codac.scheduler.verification.domain.RetryPolicy;
import io.codac.scheduler.verification.domain.VerificationLedger;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import java.time.Clock;
import java.time.Duration;

/** The scheduler's domain and use cases, wired explicitly in one place. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulerProperties.class)
public class SchedulerConfiguration {

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
            case ROUTE_AWARE -> new RouteAwarePolicy(properties.routePriorWeight(), properties.degradedRouteRatio());
            case ROUND_ROBIN -> new RoundRobinPolicy();
        };
        var liveness = new LivenessSettings(properties.suspectAfter(), properties.deadAfter(), properties.rampUp(),
                properties.rampUpMinimumShare());
        return new FleetView(fleet, policy, clock, liveness, properties.routeHalfLife());
    }

    @Bean
    RetryPolicy retryPolicy(SchedulerProperties properties) {
        return new RetryPolicy(properties.maxAttempts(), properties.retryBackOff());
    }

    @Bean
    VerificationLedger verificationLedger(DatabaseClient db, ReactiveTransactionManager transactions) {
        return new R2dbcVerificationLedger(db, TransactionalOperator.create(transactions));
    }

    @Bean
    SchedulerMetrics schedulerMetrics(MeterRegistry registry) {
        return new MicrometerSchedulerMetrics(registry);
    }

    @Bean
    DispatchingAttempts dispatchingAttempts(VerificationLedger ledger, FleetView fleet, DialCommandPublisher commands,
                                            SchedulerMetrics metrics, SchedulingSettings settings, Clock clock) {
        return new DispatchingAttempts(ledger, fleet, commands, metrics, settings, clock);
    }

    @Bean
    CompletingVerifications completingVerifications(VerificationLedger ledger, ResultPublisher results,
                                                    SchedulerMetrics metrics, SchedulingSettings settings, Clock clock) {
        return new CompletingVerifications(ledger, results, metrics, settings, clock);
    }

    @Bean
    SettlingAttempts settlingAttempts(VerificationLedger ledger, FleetView fleet, RetryPolicy retryPolicy,
                                      DispatchingAttempts dispatching, CompletingVerifications completing,
                                      SchedulerMetrics metrics, Clock clock) {
        return new SettlingAttempts(ledger, fleet, retryPolicy, dispatching, completing, metrics, clock);
    }

    @Bean
    AcceptingRequests acceptingRequests(VerificationLedger ledger, DispatchingAttempts dispatching,
                                        CompletingVerifications completing, SchedulingSettings settings, Clock clock) {
        return new AcceptingRequests(ledger, dispatching, completing, settings, clock);
    }

    @Bean
    FollowingCalls followingCalls(VerificationLedger ledger, RetryPolicy retryPolicy, SettlingAttempts settling,
                                  CompletingVerifications completing, Clock clock) {
        return new FollowingCalls(ledger, new OutcomeClassifier(), retryPolicy, settling, completing, clock);
    }

    @Bean
    SweepingLedger sweepingLedger(VerificationLedger ledger, FleetView fleet, DispatchingAttempts dispatching,
                                  SettlingAttempts settling, CompletingVerifications completing,
                                  SchedulerMetrics metrics, SchedulingSettings settings, Clock clock) {
        return new SweepingLedger(ledger, fleet, dispatching, settling, completing, metrics, settings, clock);
    }

    @Bean
    LedgerSweeper ledgerSweeper(SweepingLedger sweeping, SchedulerProperties properties) {
        return new LedgerSweeper(sweeping, properties.sweepInterval());
    }
}
