package io.codac.scenario;

import io.codac.contracts.event.CodacEvent;
import io.codac.contracts.event.DialCommand;
import io.codac.contracts.event.VerificationCompleted;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.json.UndecodableEventException;
import io.codac.contracts.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads every dial command and every result of the run, from the start of each topic, on its own thread, as an
 * outside observer (its own consumer with no group: it takes no partition from the services). Their own
 * {@code occurredAt} times, set by the scheduler when it decided, are what the figures use.
 */
final class TopicRecorder implements AutoCloseable {

    private final EventCodec codec = new EventCodec();
    private final KafkaConsumer<String, String> consumer;
    private final Topics topics;
    private final Thread thread;
    private final AtomicBoolean running = new AtomicBoolean(true);
    final List<DialCommand> commands = new CopyOnWriteArrayList<>();
    final Map<String, VerificationCompleted> results = new ConcurrentHashMap<>();
    final AtomicLong duplicateResults = new AtomicLong();
    final AtomicLong undecodable = new AtomicLong();

    TopicRecorder(String bootstrapServers, Topics topics, int dialCommandPartitions, int keyedPartitions) {
        this.topics = topics;
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        consumer = new KafkaConsumer<>(props);
        var partitions = new ArrayList<TopicPartition>();
        for (int p = 0; p < dialCommandPartitions; p++) {
            partitions.add(new TopicPartition(topics.dialCommands(), p));
        }
        for (int p = 0; p < keyedPartitions; p++) {
            partitions.add(new TopicPartition(topics.verificationResults(), p));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = Thread.ofPlatform().name("scenario-recorder").daemon().start(this::poll);
    }

    private void poll() {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    record(record);
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void record(ConsumerRecord<String, String> record) {
        CodacEvent event;
        try {
            event = codec.decode(record.value());
        } catch (UndecodableEventException e) {
            undecodable.incrementAndGet();
            return;
        }
        if (record.topic().equals(topics.dialCommands()) && event instanceof DialCommand command) {
            commands.add(command);
        } else if (event instanceof VerificationCompleted completed
                && results.putIfAbsent(completed.verificationId(), completed) != null) {
            duplicateResults.incrementAndGet();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(Duration.ofSeconds(5));
    }
}
