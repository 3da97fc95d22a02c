package io.codac.support;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;

/** Runs before Boot's Kafka configuration so that its template logs failures through {@link MaskedKafkaLogging}. */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@ConditionalOnClass(KafkaTemplate.class)
public class CodacKafkaLoggingAutoConfiguration {

    @Bean
    public ProducerListener<Object, Object> kafkaProducerListener() {
        MaskedKafkaLogging.installRecordFormatter();
        return new MaskedKafkaLogging();
    }
}
