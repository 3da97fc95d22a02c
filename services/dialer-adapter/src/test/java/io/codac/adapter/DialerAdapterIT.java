package io.codac.adapter;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.CodacEvent;
import io.codac.contracts.event.DialCommand;
import io.codac.contracts.event.ServerHeartbeat;
import io.codac.contracts.event.ServerState;
import io.codac.contracts.event.TrunkUsage;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.topic.Topics;
import io.codac.adapter.kafka.DialCommandConsumer;
import io.codac.sim.SimulatedFleet;
import io.codac.sim.InboundCallPlaced;
import io.codac.sim.domain.CallRecord;
import io.codac.sim.domain.FateShares;
import io.codac.sim.domain.RingingSignal;
import io.codac.sim.domain.NumberFate;
import io.codac.sim.domain.SimSettings;
import io.codac.testsupport.Infrastructure;
import io.codac.testsupport.ServiceProperties;
import io.codac.testsupport.TestFleets;
import io.codac.testsupport.TestNamespace;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.codac.contracts.event.CallEventType.DIAL_STARTED;
import static io.codac.contracts.event.CallEventType.EARLY_MEDIA;
import static io.codac.contracts.event.CallEventType.ENDED;
import static io.codac.contracts.event.CallEventType.REJECTED_NO_CAPACITY;
import static io.codac.contracts.event.CallEventType.RINGING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two dialer adapters (one Spring context per simulated server, in this JVM) on the real Kafka broker and
 * Redis, dialing through ari4java into the telephony simulator. The test plays the scheduler: it writes dial
 * commands to a trunk's partition and reads the call events and heartbeats the adapters publish.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DialerAdapterIT {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final int SLOW_TRUNK_CPS = 2;
    /** Its carrier signals a ringing phone only as 183 early media, and the adapters are told so. */
    private static final String EARLY_MEDIA_TRUNK = "srv1-t3";

    private final EventCodec codec = new EventCodec();
    private final List<CallEvent> callEvents = new CopyOnWriteArrayList<>();
    private final List<ServerHeartbeat> heartbeats = new CopyOnWriteArrayList<>();
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private final ExecutorService reader = Executors.newSingleThreadExecutor();

    private Infrastructure infra;
    private Fleet fleet;
    private Topics topics;
    private SimulatedFleet sim;
    private KafkaProducer<String, String> producer;
    private ConfigurableApplicationContext adapter1;
    private ConfigurableApplicationContext adapter2;

    @BeforeAll
    void startEverything() {
        infra = Infrastructure.shared();
        TestNamespace namespace = infra.newNamespace();
        topics = namespace.topics();
        fleet = withSlowThirdTrunks(TestFleets.fleet(2, 3, 20, 5));
        Path fleetFile = TestFleets.write(fleet);
        infra.createTopics(topics, fleet, 3);
        sim = SimulatedFleet.start(fleet, SimSettings.fast().withSeed(42)
                .withShares(FateShares.defaults().with(NumberFate.ANNOUNCEMENT_SWITCHED_OFF, 0.05)
                        .with(NumberFate.EARLY_MEDIA_NO_ANSWER, 0.05))
                .withRingingSignal(EARLY_MEDIA_TRUNK, RingingSignal.EARLY_MEDIA_ONLY));
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        reader.submit(this::readCallEventsAndHeartbeats);
        adapter1 = startAdapter("srv1", ServiceProperties.common(infra, namespace, fleetFile));
        adapter2 = startAdapter("srv2", ServiceProperties.common(infra, namespace, fleetFile));
    }

    /** Each server's third trunk gets a contract of 2 calls per second, so a small burst overflows it. */
    private static Fleet withSlowThirdTrunks(Fleet base) {
        return new Fleet(base.servers().stream().map(server -> new TelephonyServer(server.id(), server.ari(),
                server.trunks().stream().map(t -> t.id().endsWith("-t3")
                        ? new Trunk(t.id(), t.carrier(), t.partition(), SLOW_TRUNK_CPS, t.maxChannels()) : t).toList(),
                server.dids())).toList());
    }

    private ConfigurableApplicationContext startAdapter(String serverId, Map<String, Object> common) {
        var properties = new HashMap<>(common);
        properties.put("codac.adapter.server-id", serverId);
        properties.put("codac.adapter.flash-hangup-delay", "200ms");
        properties.put("codac.adapter.telemetry-interval", "200ms");
        properties.put("codac.adapter.early-media-rings", EARLY_MEDIA_TRUNK);
        properties.put("codac.adapter.early-media-confirmation", "1s"); // the fast announcement lasts 80 ms
        // As arguments: SpringApplicationBuilder.properties(...) are defaults, which application.yml would override.
        return new SpringApplicationBuilder(DialerAdapterApplication.class).run(ServiceProperties.asArgs(properties));
    }

    @AfterAll
    void stopEverything() {
        reading.set(false);
        reader.shutdown();
        for (var context : new ConfigurableApplicationContext[]{adapter1, adapter2}) {
            if (context != null) {
                context.close();
            }
        }
        if (producer != null) {
            producer.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void bothAdaptersPublishHeartbeatsWithTheirServerUpAndEveryTrunksLimits() {
        await().atMost(BOUND).until(() -> upHeartbeat("srv1") != null && upHeartbeat("srv2") != null);

        ServerHeartbeat srv1 = upHeartbeat("srv1");
        assertThat(srv1.trunks()).extracting(TrunkUsage::trunkId).containsExactly("srv1-t1", "srv1-t2", "srv1-t3");
        assertThat(srv1.trunks()).allSatisfy(usage -> assertThat(usage.maxChannels()).isEqualTo(5));
        assertThat(srv1.trunks()).extracting(TrunkUsage::cpsLimit).containsExactly(20, 20, SLOW_TRUNK_CPS);
        assertThat(upHeartbeat("srv2").trunks()).extracting(TrunkUsage::trunkId)
                .containsExactly("srv2-t1", "srv2-t2", "srv2-t3");
    }

    @Test
    void aRingingNumberIsReportedDialStartedRingingThenEndedAlertedAndHungUpByUs() {
        String number = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 1).getFirst();
        DialCommand command = command(number, trunk("srv1-t1"));

        send(command);

        await().atMost(BOUND).until(() -> typesOf(command).contains(ENDED));
        assertThat(typesOf(command)).containsExactly(DIAL_STARTED, RINGING, ENDED);
        CallEvent ended = ended(command);
        assertThat(ended.signal().alerted()).isTrue();
        assertThat(ended.signal().hungUpByUs()).isTrue();
        assertThat(ended.signal().answered()).isFalse();
        assertThat(ended.leg().serverId()).isEqualTo("srv1");
        assertThat(ended.leg().trunkId()).isEqualTo("srv1-t1");
        assertThat(ended.leg().verificationId()).isEqualTo(command.verificationId());
        assertThat(ended.key()).isEqualTo(number);
        List<CallRecord> cdr = sim.cdr(number);
        assertThat(cdr).singleElement().satisfies(record -> {
            assertThat(record.channelId()).isEqualTo(command.attemptId());
            assertThat(record.trunk()).isEqualTo("srv1-t1");
            assertThat(record.ringingAt()).isNotNull();
            assertThat(record.answeredAt()).isNull();
            assertThat(record.cause()).isEqualTo(16); // our normal-clearing hang-up, not the network's no-answer
        });
        assertThat(ended.signal().q850Cause()).isEqualTo(16);
    }

    @Test
    void anAnsweredCallIsHungUpAtOnceAndReportedAnswered() {
        String number = sim.numbersWithFate(NumberFate.ANSWERS, 1).getFirst();
        DialCommand command = command(number, trunk("srv2-t2"));

        send(command);

        await().atMost(BOUND).until(() -> typesOf(command).contains(ENDED));
        assertThat(typesOf(command)).containsExactly(DIAL_STARTED, RINGING, CallEventType.ANSWERED, ENDED);
        CallEvent ended = ended(command);
        assertThat(ended.signal().answered()).isTrue();
        assertThat(ended.signal().alerted()).isTrue();
        assertThat(ended.signal().hungUpByUs()).isTrue();
        assertThat(sim.cdr(number)).singleElement().satisfies(record -> {
            assertThat(record.answeredAt()).isNotNull();
            assertThat(record.cause()).isEqualTo(16);
        });
    }

    @Test
    void aBurstAboveATrunksCpsIsHandedBackAndTheCarrierNeverSeesTheTrunkOverItsContract() {
        Trunk slow = trunk("srv2-t3");
        List<DialCommand> burst = sim.numbersWithFate(NumberFate.UNALLOCATED, 3 * SLOW_TRUNK_CPS).stream()
                .map(number -> command(number, slow)).toList();

        burst.forEach(this::send);

        await().atMost(BOUND).until(() -> burst.stream().allMatch(c -> typesOf(c).contains(ENDED)
                || typesOf(c).contains(REJECTED_NO_CAPACITY)));
        long handedBack = burst.stream().filter(c -> typesOf(c).equals(List.of(REJECTED_NO_CAPACITY))).count();
        long dialed = burst.stream().filter(c -> typesOf(c).equals(List.of(DIAL_STARTED, ENDED))).count();
        assertThat(handedBack + dialed).isEqualTo(burst.size());
        assertThat(handedBack).isPositive();
        assertThat(sim.stats().trunk(slow.id()).overLimitRejections()).isZero();
        assertThat(sim.stats().trunk(slow.id()).attempts()).isEqualTo(dialed);
        burst.stream().filter(c -> typesOf(c).contains(REJECTED_NO_CAPACITY))
                .forEach(c -> assertThat(sim.cdr(c.phoneNumber())).isEmpty());
    }

    @Test
    void anUnallocatedNumberIsReportedEndedWithCauseOneAndNotAlerted() {
        String number = sim.numbersWithFate(NumberFate.UNALLOCATED, 1).getFirst();
        DialCommand command = command(number, trunk("srv1-t1"));

        send(command);

        await().atMost(BOUND).until(() -> typesOf(command).contains(ENDED));
        assertThat(typesOf(command)).containsExactly(DIAL_STARTED, ENDED);
        CallEvent ended = ended(command);
        assertThat(ended.signal().q850Cause()).isEqualTo(1);
        assertThat(ended.signal().alerted()).isFalse();
        assertThat(ended.signal().hungUpByUs()).isFalse();
        assertThat(ended.leg().serverId()).isEqualTo("srv1");
    }

    @Test
    void aDialCommandDeliveredTwicePlacesExactlyOneCall() {
        String number = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 1).getFirst();
        DialCommand command = command(number, trunk("srv1-t2"));
        double duplicatesBefore = duplicatesSkipped(adapter1);

        send(command);
        send(command);

        await().atMost(BOUND).until(() -> typesOf(command).contains(ENDED)
                && duplicatesSkipped(adapter1) > duplicatesBefore);
        assertThat(sim.cdr(number)).hasSize(1);
        assertThat(sim.stats().concurrentDoubleDials()).isZero();
        assertThat(typesOf(command)).containsExactly(DIAL_STARTED, RINGING, ENDED);
    }

    @Test
    void aCommandForAnotherServersTrunkIsNeverConsumedByThisAdapter() throws Exception {
        String number = sim.numbersWithFate(NumberFate.UNALLOCATED, 1).getFirst();
        Trunk srv2Trunk = trunk("srv2-t1");
        DialCommand command = command(number, srv2Trunk);

        send(command);

        await().atMost(BOUND).until(() -> typesOf(command).contains(ENDED));
        assertThat(ended(command).leg().serverId()).isEqualTo("srv2");
        assertThat(sim.cdr(number)).singleElement().satisfies(record -> assertThat(record.server()).isEqualTo("srv2"));
        assertThat(originates(adapter1, srv2Trunk.id())).isZero();
        TopicPartition srv2Partition = new TopicPartition(topics.dialCommands(), srv2Trunk.partition());
        await().atMost(BOUND).until(() -> committedOffsets("srv2").containsKey(srv2Partition));
        assertThat(committedOffsets("srv1").keySet()).extracting(TopicPartition::partition)
                .allMatch(partition -> server("srv1").trunks().stream().anyMatch(t -> t.partition() == partition));
    }

    @Test
    void aCommandWhoseNotAfterHasPassedIsHandedBackUndialed() {
        String number = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 1).getFirst();
        Trunk trunk = trunk("srv2-t1");
        DialCommand late = new DialCommand(UUID.randomUUID().toString(), Instant.now().minusSeconds(60),
                "att-" + UUID.randomUUID(), "ver-" + UUID.randomUUID(), number, trunk.id(), "srv2", 1, null, 10,
                Instant.now().minusSeconds(1));

        send(late);

        await().atMost(BOUND).until(() -> typesOf(late).contains(REJECTED_NO_CAPACITY));
        assertThat(typesOf(late)).containsExactly(REJECTED_NO_CAPACITY);
        assertThat(sim.cdr(number)).isEmpty();
    }

    @Test
    void aShoppersCallToADidIsReportedAsAnInboundCallAndRejectedBusyAtOnce() {
        String caller = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 1).getFirst();
        String did = server("srv2").dids().getFirst();

        InboundCallPlaced placed = sim.inboundCall(caller, did);

        assertThat(placed.delivered()).isTrue();
        await().atMost(BOUND).until(() -> inboundCall(placed.channelId()) != null
                && sim.cdr(caller).stream().anyMatch(r -> r.endedAt() != null));
        CallEvent event = inboundCall(placed.channelId());
        assertThat(event.key()).isEqualTo(caller);
        assertThat(event.did()).isEqualTo(did);
        assertThat(event.leg().serverId()).isEqualTo("srv2");
        assertThat(event.occurredAt()).isNotNull();
        assertThat(sim.cdr(caller)).singleElement().satisfies(record -> {
            assertThat(record.direction()).isEqualTo(io.codac.sim.domain.Direction.INBOUND);
            assertThat(record.cause()).isEqualTo(17);
            assertThat(record.answeredAt()).isNull();
        });
        assertThat(callEvents).filteredOn(e -> placed.channelId().equals(e.leg().attemptId())).isEmpty();
        assertThat(sim.stats().concurrentDoubleDials()).isZero();
    }

    @Test
    void ringingSignalledOnlyAs183OnACarrierThatDoesSoIsConfirmedAsRingingAndHungUpAsAFlashCall() {
        String number = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 1).getFirst();
        DialCommand command = command(number, trunk(EARLY_MEDIA_TRUNK));

        send(command);

        await().atMost(BOUND).until(() -> typesOf(command).contains(ENDED));
        assertThat(typesOf(command)).containsExactly(DIAL_STARTED, EARLY_MEDIA, RINGING, ENDED);
        CallEvent ended = ended(command);
        assertThat(ended.signal().alerted()).isTrue();
        assertThat(ended.signal().hungUpByUs()).isTrue();
        assertThat(sim.cdr(number)).singleElement().satisfies(record -> {
            assertThat(record.earlyMediaAt()).isNotNull();
            assertThat(record.cause()).isEqualTo(16);
        });
    }

    @Test
    void anAnnouncementIn183OnThatCarrierEndsBeforeItIsConfirmedAndIsNotAlerting() {
        String number = sim.numbersWithFate(NumberFate.ANNOUNCEMENT_SWITCHED_OFF, 1).getFirst();
        DialCommand command = command(number, trunk(EARLY_MEDIA_TRUNK));

        send(command);

        await().atMost(BOUND).until(() -> typesOf(command).contains(ENDED));
        assertThat(typesOf(command)).as("%s / %s", ended(command), sim.cdr(number))
                .containsExactly(DIAL_STARTED, EARLY_MEDIA, ENDED);
        assertThat(ended(command).signal().alerted()).isFalse();
        assertThat(ended(command).signal().q850Cause()).isEqualTo(20);
    }

    @Test
    void a183AloneOnACarrierThatSignals180IsEarlyMediaNeverAlerting() {
        String number = sim.numbersWithFate(NumberFate.EARLY_MEDIA_NO_ANSWER, 1).getFirst();
        DialCommand command = command(number, trunk("srv2-t1"));

        send(command);

        await().atMost(BOUND).until(() -> typesOf(command).contains(ENDED));
        assertThat(typesOf(command)).containsExactly(DIAL_STARTED, EARLY_MEDIA, ENDED);
        assertThat(ended(command).signal().alerted()).isFalse();
        assertThat(ended(command).signal().provisional()).isTrue();
    }

    @Test
    void aDrainedAdapterHandsEveryCommandBackAndSaysDrainingUntilResumed() throws Exception {
        String number = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 1).getFirst();
        DialCommand whileDraining = command(number, trunk("srv2-t1"));
        try {
            assertThat(admin(adapter2, "drain")).contains("\"draining\":true");
            Instant drainedAt = Instant.now();
            await().atMost(BOUND).until(() -> heartbeats.stream().anyMatch(h -> h.serverId().equals("srv2")
                    && h.state() == ServerState.DRAINING && h.occurredAt().isAfter(drainedAt)));

            send(whileDraining);

            await().atMost(BOUND).until(() -> typesOf(whileDraining).contains(REJECTED_NO_CAPACITY));
            assertThat(typesOf(whileDraining)).containsExactly(REJECTED_NO_CAPACITY);
            assertThat(sim.cdr(number)).isEmpty();
        } finally {
            assertThat(admin(adapter2, "resume")).contains("\"draining\":false");
        }
        Instant resumedAt = Instant.now();
        await().atMost(BOUND).until(() -> heartbeats.stream().anyMatch(h -> h.serverId().equals("srv2")
                && h.state() == ServerState.UP && h.occurredAt().isAfter(resumedAt)));
        DialCommand afterResume = command(sim.numbersWithFate(NumberFate.UNALLOCATED, 1).getFirst(), trunk("srv2-t1"));
        send(afterResume);
        await().atMost(BOUND).until(() -> typesOf(afterResume).contains(ENDED));
    }

    private static String admin(ConfigurableApplicationContext adapter, String action) throws Exception {
        String port = adapter.getEnvironment().getProperty("local.server.port");
        try (var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()) {
            var response = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/admin/" + action))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
    }

    private CallEvent inboundCall(String channelId) {
        return callEvents.stream().filter(e -> e.type() == CallEventType.INBOUND_CALL
                && io.codac.adapter.call.domain.InboundCalls.eventId(channelId).equals(e.eventId())).findFirst().orElse(null);
    }

    // --- the scheduler's side -------------------------------------------------------------------------

    private DialCommand command(String number, Trunk trunk) {
        String serverId = fleet.serverOf(trunk.id()).id();
        return new DialCommand(UUID.randomUUID().toString(), Instant.now(), "att-" + UUID.randomUUID(),
                "ver-" + UUID.randomUUID(), number, trunk.id(), serverId, 1, "+918000000001", 10,
                Instant.now().plusSeconds(30));
    }

    private void send(DialCommand command) {
        int partition = trunk(command.trunkId()).partition();
        try {
            producer.send(new ProducerRecord<>(topics.dialCommands(), partition, command.key(), codec.encode(command)))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send the dial command", e);
        }
    }

    private Trunk trunk(String trunkId) {
        return fleet.trunk(trunkId).orElseThrow();
    }

    private TelephonyServer server(String serverId) {
        return fleet.server(serverId).orElseThrow();
    }

    private List<CallEventType> typesOf(DialCommand command) {
        return callEvents.stream().filter(e -> command.attemptId().equals(e.leg().attemptId()))
                .map(CallEvent::type).toList();
    }

    private CallEvent ended(DialCommand command) {
        return callEvents.stream().filter(e -> command.attemptId().equals(e.leg().attemptId()) && e.type() == ENDED)
                .findFirst().orElseThrow();
    }

    private ServerHeartbeat upHeartbeat(String serverId) {
        return heartbeats.stream().filter(h -> h.serverId().equals(serverId) && h.state() == ServerState.UP)
                .reduce((first, second) -> second).orElse(null);
    }

    private static double duplicatesSkipped(ConfigurableApplicationContext adapter) {
        return Search.in(adapter.getBean(MeterRegistry.class)).name("codac.adapter.duplicates.skipped").counters()
                .stream().mapToDouble(c -> c.count()).sum();
    }

    private static double originates(ConfigurableApplicationContext adapter, String trunkId) {
        return Search.in(adapter.getBean(MeterRegistry.class)).name("codac.adapter.originates").tag("trunk", trunkId)
                .counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets(String serverId) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            return admin.listConsumerGroupOffsets(DialCommandConsumer.groupId(topics, serverId))
                    .partitionsToOffsetAndMetadata().get();
        }
    }

    private void readCallEventsAndHeartbeats() {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"))) {
            var partitions = new java.util.ArrayList<TopicPartition>();
            for (String topic : List.of(topics.callEvents(), topics.fleetTelemetry())) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (reading.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    CodacEvent event = codec.decode(record.value());
                    switch (event) {
                        case CallEvent callEvent -> callEvents.add(callEvent);
                        case ServerHeartbeat heartbeat -> heartbeats.add(heartbeat);
                        default -> {
                        }
                    }
                }
            }
        }
    }
}
