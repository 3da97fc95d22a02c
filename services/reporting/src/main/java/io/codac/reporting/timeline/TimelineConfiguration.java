package io.codac.reporting.timeline;

import io.codac.contracts.json.EventCodec;
import io.codac.reporting.webhook.WebhookOutbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.kafka.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Clock;

/** Wires the timeline projection: repository, projector and Kafka listeners. */
@Configuration(proxyBeanMethods = false)
public class TimelineConfiguration {

    @Bean
    TimelineRepository timelineRepository(DatabaseClient databaseClient) {
        return new TimelineRepository(databaseClient, Clock.systemUTC());
    }

    @Bean
    TimelineProjector timelineProjector(TimelineRepository repository, MeterRegistry meters) {
        return new TimelineProjector(repository, meters);
    }

    /**
     * The results listener takes a poll's records at once and projects different verifications side by
     * side ({@link TimelineListeners#onVerificationsCompleted}); the offsets are committed once the whole
     * batch is durable. Otherwise configured like every listener (error handler, dead letters).
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<Object, Object> timelineResultsContainerFactory(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumerFactory) {
        var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
        configurer.configure(factory, consumerFactory);
        factory.setBatchListener(true);
        factory.getContainerProperties().setAckMode(ContainerProperties.AckMode.BATCH);
        return factory;
    }

    @Bean
    TimelineListeners timelineListeners(EventCodec codec, TimelineProjector projector, WebhookOutbox webhooks) {
        return new TimelineListeners(codec, projector, webhooks);
    }
}
