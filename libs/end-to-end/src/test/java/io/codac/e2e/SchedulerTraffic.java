package io.codac.e2e;

import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.event.VerificationCompleted;
import io.codac.contracts.event.VerificationRequested;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The scheduler's neighbours on the broker: requests published as ingest publishes them (key = number, EventCodec
 * JSON) and every result read back from the start of the results topic, as reporting reads them.
 */
final class SchedulerTraffic implements AutoCloseable {

    /** A request as published: its verification and the partition of the requests topic (the deciding instance). */
    record Sent(String verificationId, String number, int partition) {
    }

    private final EventCodec codec = new EventCodec();
    private final Topics topics;
    private final String clientId;
    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final Map<String, List<VerificationCompleted>> results = new ConcurrentHashMap<>();
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private final ExecutorService reader = Executors.newSingleThreadExecutor(r -> new Thread(r, "results-reader"));

    SchedulerTraffic(String bootstrapServers, Topics topics, String clientId) {
        this.topics = topics;
        this.clientId = clientId;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName()));
        List<TopicPartition> partitions = consumer.partitionsFor(topics.verificationResults()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader.submit(this::readResults);
    }

    /** Publishes a flash-call request for {@code number} and waits for the broker's acknowledgement. */
    Sent request(String number) {
        String verificationId = UUID.randomUUID().toString();
        var requested = new VerificationRequested(UUID.randomUUID().toString(), Instant.now(), verificationId,
                clientId, number, VerificationMethod.FLASH_CALL, "order-" + verificationId.substring(0, 8), null,
                null, null, Map.of());
        try {
            RecordMetadata written = producer.send(new ProducerRecord<>(topics.verificationRequested(),
                    requested.key(), codec.encode(requested))).get();
            return new Sent(verificationId, number, written.partition());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the request was not acknowledged", e.getCause());
        }
    }

    /** Every result read so far for the verification, in the order published (a republished one appears twice). */
    List<VerificationCompleted> resultsOf(String verificationId) {
        return results.getOrDefault(verificationId, List.of());
    }

    boolean hasResult(String verificationId) {
        return !resultsOf(verificationId).isEmpty();
    }

    private void readResults() {
        while (reading.get()) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                VerificationCompleted completed = codec.decode(record.value(), VerificationCompleted.class);
                results.computeIfAbsent(completed.verificationId(), id -> new CopyOnWriteArrayList<>()).add(completed);
            }
        }
        consumer.close();
    }

    @Override
    public void close() {
        reading.set(false);
        reader.shutdown();
        producer.close();
    }
}
