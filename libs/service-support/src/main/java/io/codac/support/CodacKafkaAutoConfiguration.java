package io.codac.support;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.json.UndecodableEventException;
import io.codac.contracts.topic.TopicSpec;
import io.codac.contracts.topic.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka wiring shared by the services. Producer and consumer defaults (acks=all, idempotence, manual
 * commits, read_committed) come from {@link CodacKafkaDefaults}; this adds the publisher, the topics
 * and the error policy.
 */
@AutoConfiguration(after = {KafkaAutoConfiguration.class, CodacCoreAutoConfiguration.class})
@ConditionalOnClass(KafkaTemplate.class)
public class CodacKafkaAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CodacKafkaAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    @SuppressWarnings("unchecked")
    public EventPublisher codacEventPublisher(KafkaTemplate<?, ?> kafka, EventCodec codec) {
        return new EventPublisher((KafkaTemplate<String, String>) kafka, codec);
    }

    /** Every topic and its dead-letter topic, created if missing (an existing topic is left as it is). */
    @Bean
    @ConditionalOnProperty(prefix = "codac.topics", name = "create", havingValue = "true", matchIfMissing = true)
    public KafkaAdmin.NewTopics codacNewTopics(Topics topics, Fleet fleet, CodacProperties properties) {
        return new KafkaAdmin.NewTopics(topics.plan(fleet.dialCommandPartitions(), properties.topics().partitions())
                .stream()
                .map(CodacKafkaAutoConfiguration::newTopic)
                .toArray(NewTopic[]::new));
    }

    /**
     * A record we cannot decode is poison: it goes at once to {@code <topic>.dlt}, same partition, and
     * the partition moves on. Any other failure (database down, broker hiccup) is retried with back-off
     * for as long as it takes: the consumer pauses, it never drops a good record.
     */
    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    @SuppressWarnings("unchecked")
    public DefaultErrorHandler codacErrorHandler(KafkaTemplate<?, ?> kafka, Topics topics) {
        var recoverer = new DeadLetterPublishingRecoverer((KafkaTemplate<Object, Object>) kafka,
                (record, exception) -> {
                    log.warn("dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                            rootMessage(exception));
                    return new TopicPartition(topics.deadLetter(record.topic()), record.partition());
                });
        var backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(10_000);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(UndecodableEventException.class);
        return handler;
    }

    private static NewTopic newTopic(TopicSpec spec) {
        return new NewTopic(spec.name(), spec.partitions(), (short) -1);
    }

    private static String rootMessage(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
