package io.codac.adapter;

import io.codac.adapter.ari.AriSwitchboard;
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
import org.junit.jupiter.api.Assumptions;
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
import java.util.stream.Stream;

import static io.codac.contracts.event.CallEventType.DIAL_STARTED;
import static io.codac.contracts.event.CallEventType.ENDED;
import static io.codac.contracts.event.CallEventType.RINGING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server's ARI event WebSocket closes under the adapter while its calls are live (the simulator's
 * events-socket drop: the events in between are lost, as with Asterisk). The adapter reconnects, reconciles and
 * every call still ends once with the right outcome: alerted for the phones that rang (including answered calls
 * that ended unheard in the gap), cause 1 and not alerted for the unallocated number; no number is dialed twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventStreamDropIT {

    private static final Duration BOUND = Duration.ofSeconds(30);
    /** Its calls reach their failure only seconds after the originate (a latency spike), after the reconnect. */
    private static final String SLOW_TRUNK = "srv1-t2";

    private final EventCodec codec = new EventCodec();
    private final List<CallEvent> callEvents = new CopyOnWriteArrayList<>();
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private final ExecutorService reader = Executors.newSingleThreadExecutor();

    private Infrastructure infra;
    private Fleet fleet;
    private Topics topics;
    private SimulatedFleet sim;
    private KafkaProducer<String, String> producer;
    private ConfigurableApplicationContext adapter;

    @BeforeAll
    void startEverything() {
        infra = Infrastructure.shared();
        TestNamespace namespace = infra.newNamespace();
        topics = namespace.topics();
        fleet = TestFleets.fleet(1, 2, 20, 10);
        Path fleetFile = TestFleets.write(fleet);
        infra.createTopics(topics, fleet, 3);
        // Answering phones pick up 1-1.5 s after ringing and hang up 300 ms later: inside the gap, so their
        // answer and end are lost with the socket. Ringing phones ring on until the adapter's flash hang-up.
        sim = SimulatedFleet.start(fleet, SimSettings.fast().withSeed(31).withTiming(CallTiming.fast()
                .withRingBeforeAnswer(Duration.ofMillis(1000), Duration.ofMillis(1500))
                .withAnsweredHangupAfter(Duration.ofMillis(300))
                .withNoAnswerAfter(Duration.ofSeconds(20))));
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        reader.submit(this::readCallEvents);
        var properties = new HashMap<>(ServiceProperties.common(infra, namespace, fleetFile));
        properties.put("codac.adapter.server-id", "srv1");
        // Longer than the reconnect (ari4java retries after 2 s): the ringing calls are hung up after it.
        properties.put("codac.adapter.flash-hangup-delay", "4s");
        adapter = new SpringApplicationBuilder(DialerAdapterApplication.class).run(ServiceProperties.asArgs(properties));
    }

    @AfterAll
    void stopEverything() {
        reading.set(false);
        reader.shutdown();
        if (adapter != null) {
            adapter.close();
        }
        if (producer != null) {
            producer.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void callsLiveWhenTheEventSocketDropsEndOnceWithTheirTrueOutcome() {
        Trunk trunk = fleet.trunk("srv1-t1").orElseThrow();
        Trunk slow = fleet.trunk(SLOW_TRUNK).orElseThrow();
        List<DialCommand> ringing = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 2).stream()
                .map(n -> command(n, trunk)).toList();
        List<DialCommand> answering = sim.numbersWithFate(NumberFate.ANSWERS, 2).stream()
                .map(n -> command(n, trunk)).toList();
        DialCommand unallocated = command(sim.numbersWithFate(NumberFate.UNALLOCATED, 1).getFirst(), slow);
        List<DialCommand> alerting = Stream.concat(ringing.stream(), answering.stream()).toList();
        AriSwitchboard switchboard = adapter.getBean(AriSwitchboard.class);
        await().atMost(BOUND).until(switchboard::isConnected);

        sim.faults().spikeLatency(SLOW_TRUNK, 250); // 20-40 ms post-dial delay becomes 5-10 s
        alerting.forEach(this::send);
        send(unallocated);
        // Polled often: the answering phones pick up a second after ringing, and the drop must come before that.
        await().atMost(BOUND).pollInterval(Duration.ofMillis(20))
                .until(() -> alerting.stream().allMatch(c -> typesOf(c).contains(RINGING))
                && typesOf(unallocated).contains(DIAL_STARTED));
        // The scenario needs every call still live when the socket drops; on a machine too slow to get
        // there before the answering phones pick up, the scenario was not reached: skip, do not guess.
        Assumptions.assumeTrue(Stream.concat(alerting.stream(), Stream.of(unallocated))
                        .noneMatch(c -> typesOf(c).contains(ENDED)),
                "a call ended before the socket could be dropped: the machine is too slow for this scenario");

        assertThat(sim.faults().dropEventSockets("srv1")).isPositive();
        await().atMost(BOUND).until(() -> !switchboard.isConnected());
        await().atMost(BOUND).until(switchboard::isConnected);

        List<DialCommand> all = Stream.concat(alerting.stream(), Stream.of(unallocated)).toList();
        await().atMost(BOUND).until(() -> all.stream().allMatch(c -> typesOf(c).contains(ENDED)));
        for (DialCommand command : alerting) {
            CallEvent ended = ended(command);
            assertThat(ended.signal().alerted()).as("%s alerted", sim.fateOf(command.phoneNumber())).isTrue();
            assertThat(ended.signal().provisional()).isTrue();
        }
        CallEvent failed = ended(unallocated);
        assertThat(failed.signal().q850Cause()).isEqualTo(1);
        assertThat(failed.signal().alerted()).isFalse();
        for (DialCommand command : all) {
            assertThat(distinctEnds(command)).as("ENDED events of %s", command.attemptId()).isEqualTo(1);
            assertThat(sim.cdr(command.phoneNumber())).hasSize(1);
        }
        assertThat(sim.stats().concurrentDoubleDials()).isZero();
        assertThat(sim.stats().redialsAfterAlerting()).isZero();
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
