package io.codac.ingest;

import io.codac.contracts.event.VerificationRequested;
import io.codac.contracts.json.EventCodec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code verification.requested} from the beginning up to its current end. A {@code 202} is only
 * answered after the broker acknowledged the record, so everything accepted so far is below the end
 * offsets when this reads: no waiting, no timing.
 */
final class RequestedTopic {

    record Requested(String key, VerificationRequested event) {
    }

    private final String bootstrapServers;
    private final String topic;
    private final EventCodec codec = new EventCodec();

    RequestedTopic(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    List<Requested> all() {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            var records = new ArrayList<Requested>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(10)) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    records.add(new Requested(record.key(), codec.decode(record.value(), VerificationRequested.class)));
                }
            }
            return records;
        }
    }

    List<Requested> forVerification(String verificationId) {
        return all().stream().filter(r -> r.event().verificationId().equals(verificationId)).toList();
    }
}
