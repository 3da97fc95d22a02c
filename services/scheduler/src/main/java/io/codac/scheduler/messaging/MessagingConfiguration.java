package io.codac.scheduler.messaging;

import io.codac.contracts.json.EventCodec;
import io.codac.contracts.topic.Topics;
import io.codac.scheduler.fleet.domain.FleetView;
import io.codac.scheduler.SchedulerProperties;
import io.codac.scheduler.inbound.MatchingMissedCalls;
import io.codac.scheduler.verification.AcceptingRequests;
import io.codac.scheduler.verification.DialCommandPublisher;
import io.codac.scheduler.verification.FollowingCalls;
import io.codac.scheduler.verification.ParallelWork;
import io.codac.scheduler.verification.ResultPublisher;
import io.codac.scheduler.verification.TakingOverPartitions;
import io.codac.scheduler.verification.WaitingLine;
import io.codac.support.EventPublisher;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ProducerFactory;

import java.time.Duration;

/** The Kafka side of the scheduler, wired explicitly: its adapters stay package-private. */
@Configuration(proxyBeanMethods = false)
public class MessagingConfiguration {

    /** Kafka's own default, for a producer configured without {@code delivery.timeout.ms}. */
    static final Duration KAFKA_DEFAULT_DELIVERY_TIMEOUT = Duration.ofMinutes(2);

    /** How much longer than the producer's delivery timeout a publisher waits for the acknowledgement. */
    static final Duration ACK_MARGIN = Duration.ofSeconds(5);

    /** The {@code delivery.timeout.ms} the producers of this service are built with. */
    public static Duration deliveryTimeoutOf(ProducerFactory<?, ?> producers) {
        Object configured = producers.getConfigurationProperties().get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        return configured == null
                ? KAFKA_DEFAULT_DELIVERY_TIMEOUT
                : Duration.ofMillis(Long.parseLong(configured.toString().trim()));
    }

    /**
     * Longer than the producer's delivery timeout, so a send always ends by the producer's own verdict (acknowledged
     * or failed) and never by ours while the record may still be written behind our back.
     */
    static Duration ackTimeoutFor(ProducerFactory<?, ?> producers) {
        return deliveryTimeoutOf(producers).plus(ACK_MARGIN);
    }

    @Bean
    DialCommandPublisher dialCommandPublisher(EventPublisher publisher, Topics topics, ProducerFactory<?, ?> producers) {
        return new KafkaDialCommandPublisher(publisher, topics, ackTimeoutFor(producers));
    }

    @Bean
    ResultPublisher resultPublisher(EventPublisher publisher, Topics topics, ProducerFactory<?, ?> producers) {
        return new KafkaResultPublisher(publisher, topics, ackTimeoutFor(producers));
    }

    @Bean
    SchedulerListeners schedulerListeners(EventCodec codec, Topics topics, AcceptingRequests accepting,
                                          FollowingCalls following, TakingOverPartitions takingOver,
                                          MatchingMissedCalls missedCalls, SchedulerProperties properties) {
        return new SchedulerListeners(codec, topics, accepting, following, takingOver, missedCalls,
                new ParallelWork(properties.callEventThreads(), "call-events"));
    }

    @Bean
    RequestIntake requestIntake(KafkaListenerEndpointRegistry registry, Topics topics, WaitingLine line) {
        return new RequestIntake(registry, topics, line);
    }

    @Bean
    TelemetryListener telemetryListener(EventCodec codec, FleetView fleet) {
        return new TelemetryListener(codec, fleet);
    }
}
