package io.codac.adapter;

import ch.loway.oss.ari4java.AriVersion;
import io.codac.adapter.ari.AriSwitchboard;
import io.codac.adapter.call.domain.HangUpReason;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
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
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
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
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

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
import java.util.concurrent.atomic.AtomicBoolean;

import static io.codac.contracts.event.CallEventType.DIAL_STARTED;
import static io.codac.contracts.event.CallEventType.ENDED;
import static io.codac.contracts.event.CallEventType.RINGING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An adapter stopped in the middle of its calls and a new one started for the same server, on the real broker
 * and Redis against the simulator: the new adapter adopts the call still ringing and ends it, reports the one
 * that ended while nobody listened as lost, and dials neither again, not even when the command is replayed.
 * (Stopping the context leaves the server's channels exactly as a {@code kill -9} would: nothing hangs them up.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconciliationIT {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final EventCodec codec = new EventCodec();
    private final List<CallEvent> callEvents = new CopyOnWriteArrayList<>();
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private final ExecutorService reader = Executors.newSingleThreadExecutor();

    private Infrastructure infra;
    private TestNamespace namespace;
    private Fleet fleet;
    private Path fleetFile;
    private Topics topics;
    private SimulatedFleet sim;
    private KafkaProducer<String, String> producer;
    private final List<ConfigurableApplicationContext> adapters = new ArrayList<>();

    @BeforeAll
    void startEverything() {
        infra = Infrastructure.shared();
        namespace = infra.newNamespace();
        topics = namespace.topics();
        fleet = TestFleets.fleet(1, 1, 20, 5);
        fleetFile = TestFleets.write(fleet);
        infra.createTopics(topics, fleet, 3);
        // Phones ring until someone hangs up: the adapters, not the network, end these calls.
        sim = SimulatedFleet.start(fleet, SimSettings.fast().withSeed(11)
                .withTiming(CallTiming.fast().withNoAnswerAfter(Duration.ofSeconds(60))));
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        reader.submit(this::readCallEvents);
    }

    private ConfigurableApplicationContext startAdapter(String flashHangupDelay) {
        var properties = new HashMap<>(ServiceProperties.common(infra, namespace, fleetFile));
        properties.put("codac.adapter.server-id", "srv1");
        properties.put("codac.adapter.flash-hangup-delay", flashHangupDelay);
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(DialerAdapterApplication.class).run(ServiceProperties.asArgs(properties));
        adapters.add(context);
        return context;
    }

    @AfterAll
    void stopEverything() {
        reading.set(false);
        reader.shutdown();
        adapters.forEach(ConfigurableApplicationContext::close);
        if (producer != null) {
            producer.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aRestartedAdapterAdoptsTheCallStillRingingReportsTheOneThatEndedUnheardAndDialsNeitherAgain() {
        Trunk trunk = fleet.trunk("srv1-t1").orElseThrow();
        TelephonyServer server = fleet.server("srv1").orElseThrow();
        List<String> numbers = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 2);
        DialCommand stillRinging = command(numbers.get(0), trunk);
        DialCommand endsUnheard = command(numbers.get(1), trunk);

        // The first adapter would let its phones ring for a minute: it is stopped while both ring.
        ConfigurableApplicationContext first = startAdapter("60s");
        send(stillRinging);
        send(endsUnheard);
        await().atMost(BOUND).until(() -> typesOf(stillRinging).contains(RINGING)
                && typesOf(endsUnheard).contains(RINGING));
        first.close();

        // While no adapter listens, one call ends on the server.
        try (var ari = new AriSwitchboard("srv1", server.ari(), AriVersion.ARI_8_0_0)) {
            ari.hangUp(endsUnheard.attemptId(), HangUpReason.REQUESTED);
            await().atMost(BOUND).until(() -> sim.cdr(endsUnheard.phoneNumber()).getFirst().endedAt() != null);
        }
        assertThat(sim.cdr(stillRinging.phoneNumber()).getFirst().endedAt()).isNull();

        ConfigurableApplicationContext second = startAdapter("200ms");

        await().atMost(BOUND).until(() -> typesOf(stillRinging).contains(ENDED) && typesOf(endsUnheard).contains(ENDED));
        CallEvent adoptedEnd = ended(stillRinging);
        assertThat(adoptedEnd.signal().alerted()).isTrue();
        assertThat(adoptedEnd.signal().hungUpByUs()).isTrue();
        assertThat(sim.cdr(stillRinging.phoneNumber())).singleElement()
                .satisfies(record -> assertThat(record.cause()).isEqualTo(16));
        CallEvent lost = ended(endsUnheard);
        assertThat(lost.signal().provisional()).isFalse();
        assertThat(lost.causeText()).startsWith("lost");
        assertThat(reconciliations(second, "Adopt")).isEqualTo(1);
        assertThat(reconciliations(second, "ReportLost")).isEqualTo(1);

        // A replay of both commands after the restart dials nothing.
        double skippedBefore = duplicatesSkipped(second);
        send(stillRinging);
        send(endsUnheard);
        await().atMost(BOUND).until(() -> duplicatesSkipped(second) >= skippedBefore + 2);

        for (DialCommand command : List.of(stillRinging, endsUnheard)) {
            assertThat(sim.cdr(command.phoneNumber())).hasSize(1);
            assertThat(distinctEnds(command)).isEqualTo(1);
            assertThat(typesOf(command)).startsWith(DIAL_STARTED);
        }
        assertThat(sim.stats().concurrentDoubleDials()).isZero();
        assertThat(sim.stats().redialsAfterAlerting()).isZero();
        // Every open attempt was settled: a third start finds nothing to reconcile.
        second.close();
        ConfigurableApplicationContext third = startAdapter("200ms");
        assertThat(third.getBean(io.codac.adapter.dialing.OpenAttempts.class).all()).isEmpty();
        third.close();
    }

    @Test
    void aCallWhoseServerDiedAndCameBackIsEndedOnceWhenTheEventStreamReconnects() {
        Trunk trunk = fleet.trunk("srv1-t1").orElseThrow();
        DialCommand ringing = command(sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 1).getFirst(), trunk);
        ConfigurableApplicationContext adapter = startAdapter("60s");
        try {
            send(ringing);
            await().atMost(BOUND).until(() -> typesOf(ringing).contains(RINGING));

            // The server dies: its channels vanish without a single event, the event stream drops; then it returns.
            assertThat(sim.faults().killServer("srv1")).contains(ringing.attemptId());
            sim.faults().restartServer("srv1");

            await().atMost(BOUND).until(() -> typesOf(ringing).contains(ENDED));
            assertThat(reconciliations(adapter, "Vanished")).isEqualTo(1);
            CallEvent ended = ended(ringing);
            assertThat(ended.signal().alerted()).isTrue();
            assertThat(distinctEnds(ringing)).isEqualTo(1);
            assertThat(sim.cdr(ringing.phoneNumber())).hasSize(1);
            assertThat(sim.stats().concurrentDoubleDials()).isZero();
            assertThat(sim.stats().redialsAfterAlerting()).isZero();
            await().atMost(BOUND).until(() ->
                    adapter.getBean(io.codac.adapter.dialing.OpenAttempts.class).all().isEmpty());
        } finally {
            adapter.close();
        }
    }

    // --- the scheduler's side -------------------------------------------------------------------------

    private DialCommand command(String number, Trunk trunk) {
        return new DialCommand(UUID.randomUUID().toString(), Instant.now(), "att-" + UUID.randomUUID(),
                "ver-" + UUID.randomUUID(), number, trunk.id(), "srv1", 1, "+918000000001", 30,
                Instant.now().plusSeconds(60));
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

    private static double reconciliations(ConfigurableApplicationContext adapter, String decision) {
        return Search.in(adapter.getBean(MeterRegistry.class)).name("codac.adapter.reconciliations")
                .tag("decision", decision).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static double duplicatesSkipped(ConfigurableApplicationContext adapter) {
        return Search.in(adapter.getBean(MeterRegistry.class)).name("codac.adapter.duplicates.skipped").counters()
                .stream().mapToDouble(c -> c.count()).sum();
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
