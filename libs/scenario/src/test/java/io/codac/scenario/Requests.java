package io.codac.scenario;

import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.event.VerificationRequested;
import io.codac.contracts.json.EventCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes verification requests straight to the requests topic, as ingest would once it has accepted them (keyed
 * by number), and remembers each one: who asked, when, and in which part of the scenario.
 */
final class Requests implements AutoCloseable {

    /** Which traffic a request belongs to. */
    enum Kind {
        WARMUP, STEADY, HOT
    }

    record Sent(String verificationId, String clientId, String number, Kind kind, Instant at) {
    }

    private final EventCodec codec = new EventCodec();
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final Duration ttl;
    final Map<String, Sent> sent = new ConcurrentHashMap<>();
    final AtomicLong failedSends = new AtomicLong();

    Requests(String bootstrapServers, String topic, Duration ttl) {
        this.topic = topic;
        this.ttl = ttl;
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        producer = new KafkaProducer<>(props);
    }

    void send(String clientId, String number, Kind kind) {
        Instant now = Instant.now();
        String verificationId = UUID.randomUUID().toString();
        var request = new VerificationRequested(UUID.randomUUID().toString(), now, verificationId, clientId, number,
                VerificationMethod.FLASH_CALL, kind.name().toLowerCase() + "-" + sent.size(), null, now.plus(ttl),
                null, Map.of());
        sent.put(verificationId, new Sent(verificationId, clientId, number, kind, now));
        producer.send(new ProducerRecord<>(topic, number, codec.encode(request)), (metadata, error) -> {
            if (error != null) {
                failedSends.incrementAndGet();
            }
        });
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
