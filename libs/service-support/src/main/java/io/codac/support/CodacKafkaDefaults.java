package io.codac.support;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * Defaults for Spring Boot's Kafka properties, at the lowest precedence so any service or deployment
 * can override them: nothing is acknowledged before every in-sync replica has it, the producer never
 * duplicates on retry, and offsets are committed by the listener container after processing (once per poll).
 */
public class CodacKafkaDefaults implements EnvironmentPostProcessor, Ordered {

    static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("spring.kafka.producer.acks", "all"),
            Map.entry("spring.kafka.producer.properties.enable.idempotence", "true"),
            Map.entry("spring.kafka.producer.properties.linger.ms", "2"),
            Map.entry("spring.kafka.producer.properties.delivery.timeout.ms", "60000"),
            Map.entry("spring.kafka.producer.key-serializer", "org.apache.kafka.common.serialization.StringSerializer"),
            Map.entry("spring.kafka.producer.value-serializer", "org.apache.kafka.common.serialization.StringSerializer"),
            Map.entry("spring.kafka.consumer.key-deserializer", "org.apache.kafka.common.serialization.StringDeserializer"),
            Map.entry("spring.kafka.consumer.value-deserializer", "org.apache.kafka.common.serialization.StringDeserializer"),
            Map.entry("spring.kafka.consumer.enable-auto-commit", "false"),
            Map.entry("spring.kafka.consumer.auto-offset-reset", "earliest"),
            Map.entry("spring.kafka.consumer.isolation-level", "read_committed"),
            // After every record of a poll was processed, not after each one: a crash redelivers at most the rest of
            // one poll to consumers that must be idempotent anyway, and the broker is spared an offset commit per
            // record (they were a large share of its work under load).
            Map.entry("spring.kafka.listener.ack-mode", "batch"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("codacKafkaDefaults", DEFAULTS));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
