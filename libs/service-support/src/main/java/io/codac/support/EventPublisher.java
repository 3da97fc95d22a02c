package io.codac.support;

import io.codac.contracts.event.CodacEvent;
import io.codac.contracts.json.EventCodec;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.springframework.kafka.core.KafkaTemplate;

import java.util.concurrent.CompletableFuture;

/**
 * Publishes CODAC events in their versioned envelope under the event's own key. The returned future
 * completes only once the broker acknowledged the write (acks=all, idempotent producer): callers
 * acknowledge nothing to anyone before it does.
 */
public class EventPublisher {

    private final KafkaTemplate<String, String> kafka;
    private final EventCodec codec;

    public EventPublisher(KafkaTemplate<String, String> kafka, EventCodec codec) {
        this.kafka = kafka;
        this.codec = codec;
    }

    public CompletableFuture<RecordMetadata> publish(String topic, CodacEvent event) {
        return send(new ProducerRecord<>(topic, event.key(), codec.encode(event)));
    }

    /** For topics partitioned by something other than the key's hash (dial commands: one partition per trunk). */
    public CompletableFuture<RecordMetadata> publish(String topic, int partition, CodacEvent event) {
        return send(new ProducerRecord<>(topic, partition, event.key(), codec.encode(event)));
    }

    private CompletableFuture<RecordMetadata> send(ProducerRecord<String, String> record) {
        return kafka.send(record).thenApply(result -> result.getRecordMetadata());
    }
}
