package io.codac.adapter.testing;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.Trunk;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.DialCommand;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the scheduler does around a dialer adapter under test, over the real broker: it publishes dial
 * commands to their trunk's partition and reads every call event the adapters publish, from the start.
 */
public final class SchedulerSide implements AutoCloseable {

    private final EventCodec codec = new EventCodec();
    private final List<CallEvent> callEvents = new CopyOnWriteArrayList<>();
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private final ExecutorService reader = Executors.newSingleThreadExecutor();
    private final String bootstrapServers;
    private final Topics topics;
    private final Fleet fleet;
    private final KafkaProducer<String, String> producer;

    public SchedulerSide(String bootstrapServers, Topics topics, Fleet fleet) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        this.fleet = fleet;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        reader.submit(this::readCallEvents);
    }

    /** A first attempt for {@code number} on {@code trunk} of server srv1, to be placed before {@code notAfter} from now. */
    public static DialCommand command(String number, Trunk trunk, Duration notAfter) {
        return new DialCommand(UUID.randomUUID().toString(), Instant.now(), "att-" + UUID.randomUUID(),
                "ver-" + UUID.randomUUID(), number, trunk.id(), "srv1", 1, "+918000000001", 30,
                Instant.now().plus(notAfter));
    }

    /** Publishes the command to its trunk's partition and waits for the broker's acknowledgement. */
    public void send(DialCommand command) {
        int partition = fleet.trunk(command.trunkId()).orElseThrow().partition();
        try {
            producer.send(new ProducerRecord<>(topics.dialCommands(), partition, command.key(), codec.encode(command)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send the dial command", e);
        }
    }

    public List<CallEventType> typesOf(DialCommand command) {
        return eventsOf(command).stream().map(CallEvent::type).toList();
    }

    public CallEvent ended(DialCommand command) {
        return eventsOf(command).stream().filter(e -> e.type() == CallEventType.ENDED).findFirst().orElseThrow();
    }

    /** ENDED events of the attempt, a redelivery of the same event (same id) counted once. */
    public long distinctEnds(DialCommand command) {
        return eventsOf(command).stream().filter(e -> e.type() == CallEventType.ENDED)
                .map(CallEvent::eventId).distinct().count();
    }

    private List<CallEvent> eventsOf(DialCommand command) {
        return callEvents.stream().filter(e -> command.attemptId().equals(e.leg().attemptId())).toList();
    }

    private void readCallEvents() {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"))) {
            var partitions = new ArrayList<TopicPartition>();
            consumer.partitionsFor(topics.callEvents())
                    .forEach(p -> partitions.add(new TopicPartition(topics.callEvents(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (reading.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    if (codec.decode(record.value()) instanceof CallEvent event) {
                        callEvents.add(event);
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        reading.set(false);
        reader.shutdown();
        producer.close();
    }
}
