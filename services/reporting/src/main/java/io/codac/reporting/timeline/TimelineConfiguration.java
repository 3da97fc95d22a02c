package io.codac.reporting.timeline;

import io.codac.contracts.json.EventCodec;
import io.codac.reporting.webhook.WebhookOutbox;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

    @Bean
    TimelineListeners timelineListeners(EventCodec codec, TimelineProjector projector, WebhookOutbox webhooks) {
        return new TimelineListeners(codec, projector, webhooks);
    }
}
