package io.codac.scheduler.messaging;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MessagingConfigurationTest {

    private static DefaultKafkaProducerFactory<String, String> producers(Object deliveryTimeoutMs) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        if (deliveryTimeoutMs != null) {
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs);
        }
        return new DefaultKafkaProducerFactory<>(config);
    }

    @Test
    void thePublishersWaitLongerThanTheConfiguredDeliveryTimeout() {
        // The shared default is now 60 s: a fixed 35 s wait would give up while the producer still retries.
        assertThat(MessagingConfiguration.ackTimeoutFor(producers("60000")))
                .isEqualTo(Duration.ofSeconds(60).plus(MessagingConfiguration.ACK_MARGIN));
        assertThat(MessagingConfiguration.ackTimeoutFor(producers(4000)))
                .isEqualTo(Duration.ofSeconds(4).plus(MessagingConfiguration.ACK_MARGIN));
    }

    @Test
    void withoutAConfiguredDeliveryTimeoutKafkasOwnDefaultCounts() {
        assertThat(MessagingConfiguration.deliveryTimeoutOf(producers(null))).isEqualTo(Duration.ofMinutes(2));
        assertThat(MessagingConfiguration.ackTimeoutFor(producers(null))).isGreaterThan(Duration.ofMinutes(2));
    }
}
