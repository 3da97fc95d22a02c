package io.codac.adapter;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.Trunk;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.DialCommand;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.topic.Topics;
import io.codac.sim.SimulatedFleet;
import io.codac.sim.domain.CallTiming;
import io.codac.sim.domain.NumberFate;
import io.codac.sim.domain.SimSettings;
import io.codac.testsupport.Infrastructure;
import io.codac.testsupport.ServiceProperties;
import io.codac.testsupport.TestFleets;
import io.codac.testsupport.TestNamespace;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static io.codac.contracts.event.CallEventType.ENDED;
import static io.codac.contracts.event.CallEventType.REJECTED_NO_CAPACITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The adapter as a real OS process (the module's runnable jar), killed with SIGKILL while a batch of calls rings,
 * then started again for the same server, on the real broker and Redis against the simulator in this JVM. Nothing
 * runs on the way down: no drain, no hang-up, no offset commit. The new process must reconcile: no number gets a
 * second live call or a redial after it rang, every attempt is reported ended exactly once, and every command is
 * dialed once, handed back, or (killed between its open-attempt record and its originate) reported lost, never two
 * of these.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillMidBatchIT {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private final EventCodec codec = new EventCodec();
    private final List<CallEvent> callEvents = new CopyOnWriteArrayList<>();
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private final ExecutorService reader = Executors.newSingleThreadExecutor();
    private final List<Process> adapters = new ArrayList<>();

    private Infrastructure infra;
    private TestNamespace namespace;
    private Fleet fleet;
    private Path fleetFile;
    private Topics topics;
    private SimulatedFleet sim;
    private KafkaProducer<String, String> producer;

    @BeforeAll
    void startEverything() {
        infra = Infrastructure.shared();
        namespace = infra.newNamespace();
        topics = namespace.topics();
        fleet = TestFleets.fleet(1, 2, 20, 10);
        fleetFile = TestFleets.write(fleet);
        infra.createTopics(topics, fleet, 3);
        // Phones ring until someone hangs up (or 20 s): only the adapters end these calls within the test.
        sim = SimulatedFleet.start(fleet, SimSettings.fast().withSeed(23)
                .withTiming(CallTiming.fast().withNoAnswerAfter(Duration.ofSeconds(20))));
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        reader.submit(this::readCallEvents);
    }

    @AfterAll
    void stopEverything() {
        adapters.forEach(KillMidBatchIT::kill);
        reading.set(false);
        reader.shutdown();
        if (producer != null) {
            producer.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aKilledAdaptersSuccessorEndsEveryAttemptOnceAndDialsNoneTwice() throws Exception {
        List<Trunk> trunks = fleet.server("srv1").orElseThrow().trunks();
        List<String> numbers = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 12);
        List<DialCommand> batch = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            batch.add(command(numbers.get(i), trunks.get(i % trunks.size())));
        }
        List<DialCommand> firstHalf = batch.subList(0, 6);
        List<DialCommand> secondHalf = batch.subList(6, batch.size());

        // The first process would let its phones ring for a while: it is killed while they ring.
        Process first = startAdapter("5s", "first");
        firstHalf.forEach(this::send);
        await().atMost(BOUND).until(() -> ringingInSimulator(firstHalf) >= 3);
        secondHalf.forEach(this::send);
        kill(first);
        assertThat(first.isAlive()).isFalse();

        Process second = startAdapter("300ms", "second");
        await().atMost(BOUND).until(() -> batch.stream().allMatch(c -> typesOf(c).contains(ENDED)
                || typesOf(c).contains(REJECTED_NO_CAPACITY)));

        assertThat(sim.stats().concurrentDoubleDials()).isZero();
        assertThat(sim.stats().redialsAfterAlerting()).isZero();
        assertThat(batch.stream().filter(c -> !sim.cdr(c.phoneNumber()).isEmpty()).count())
                .as("calls placed before the kill").isGreaterThanOrEqualTo(3);
        for (DialCommand command : batch) {
            int calls = sim.cdr(command.phoneNumber()).size();
            boolean handedBack = typesOf(command).contains(REJECTED_NO_CAPACITY);
            assertThat(calls).as("calls to the number of %s", command.attemptId()).isLessThanOrEqualTo(1);
            if (handedBack) {
                assertThat(calls).as("%s was handed back and dialed", command.attemptId()).isZero();
                assertThat(distinctEnds(command)).isZero();
                continue;
            }
            assertThat(distinctEnds(command)).as("ENDED events of %s", command.attemptId()).isEqualTo(1);
            if (calls == 1) {
                assertThat(sim.cdr(command.phoneNumber()).getFirst().channelId()).isEqualTo(command.attemptId());
            } else {
                // Killed between recording the open attempt and the originate reaching the server: the successor
                // cannot know it was never placed, so it reports it ended, lost, without any provisional reply
                // (ADR 0006) and never dials it.
                CallEvent lost = ended(command);
                assertThat(lost.causeText()).as("end of undialed %s", command.attemptId()).startsWith("lost");
                assertThat(lost.signal().provisional()).isFalse();
                assertThat(lost.signal().alerted()).isFalse();
            }
        }
        assertThat(second.isAlive()).isTrue();
    }

    // --- the adapter process ---------------------------------------------------------------------------

    private Process startAdapter(String flashHangupDelay, String name) throws IOException {
        var properties = new HashMap<>(ServiceProperties.common(infra, namespace, fleetFile));
        properties.put("codac.adapter.server-id", "srv1");
        properties.put("codac.adapter.flash-hangup-delay", flashHangupDelay);
        properties.put("codac.adapter.fleet-reload-interval", "0s");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", execJar().toString()));
        command.addAll(List.of(ServiceProperties.asArgs(properties)));
        Path log = Path.of("target", "kill-mid-batch-" + name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        adapters.add(process);
        return process;
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    /** Built by {@code package}, which runs before failsafe. */
    private static Path execJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("codac-dialer-adapter-.*-exec\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no exec jar under target/: run package"));
        }
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook runs. */
    private static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- the scheduler's side -------------------------------------------------------------------------

    private long ringingInSimulator(List<DialCommand> commands) {
        return commands.stream().filter(c -> sim.cdr(c.phoneNumber()).stream()
                .anyMatch(r -> r.ringingAt() != null && r.endedAt() == null)).count();
    }

    private DialCommand command(String number, Trunk trunk) {
        return new DialCommand(UUID.randomUUID().toString(), Instant.now(), "att-" + UUID.randomUUID(),
                "ver-" + UUID.randomUUID(), number, trunk.id(), "srv1", 1, "+918000000001", 30,
                Instant.now().plusSeconds(120));
    }

    private void send(DialCommand command) {
        int partition = fleet.trunk(command.trunkId()).orElseThrow().partition();
        try {
            producer.send(new ProducerRecord<>(topics.dialCommands(), partition, command.key(), codec.encode(command)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send the dial command", e);
        }
    }

    private List<CallEventType> typesOf(DialCommand command) {
        return callEvents.stream().filter(e -> command.attemptId().equals(e.leg().attemptId()))
                .map(CallEvent::type).toList();
    }

    private CallEvent ended(DialCommand command) {
        return callEvents.stream().filter(e -> command.attemptId().equals(e.leg().attemptId()) && e.type() == ENDED)
                .findFirst().orElseThrow();
    }

    private long distinctEnds(DialCommand command) {
        return callEvents.stream().filter(e -> command.attemptId().equals(e.leg().attemptId()) && e.type() == ENDED)
                .map(CallEvent::eventId).distinct().count();
    }

    private void readCallEvents() {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
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
}
