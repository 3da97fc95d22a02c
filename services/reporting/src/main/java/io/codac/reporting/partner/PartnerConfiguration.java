package io.codac.reporting.partner;

import io.codac.contracts.json.EventCodec;
import io.codac.contracts.topic.Topics;
import io.codac.support.CodacProperties;
import io.codac.support.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.r2dbc.core.DatabaseClient;

import java.time.Clock;

/** Partner topics, on unless {@code codac.reporting.partner-topics.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "codac.reporting.partner-topics.enabled", havingValue = "true", matchIfMissing = true)
public class PartnerConfiguration {

    @Bean
    PartnerPublisher partnerPublisher(EventCodec codec, EventPublisher publisher, KafkaAdmin admin, DatabaseClient db,
                                      Topics topics, CodacProperties properties, MeterRegistry meters) {
        return new PartnerPublisher(codec, publisher, admin, db, topics, properties.topics().partitions(),
                Clock.systemUTC(), meters);
    }
}
