package io.codac.scheduler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.domain.VerificationStatus;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.CallLeg;
import io.codac.contracts.event.CodacEvent;
import io.codac.contracts.event.DialCommand;
import io.codac.contracts.event.ServerHeartbeat;
import io.codac.contracts.event.ServerState;
import io.codac.contracts.event.VerificationCompleted;
import io.codac.contracts.event.VerificationRequested;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.topic.Topics;
import io.codac.scheduler.testing.TestClients;
import io.codac.testsupport.Database;
import io.codac.testsupport.Infrastructure;
import io.codac.testsupport.ServiceProperties;
import io.codac.testsupport.TestFleets;
import io.codac.testsupport.TestNamespace;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scheduler on a real Kafka broker and a real MariaDB, one Spring context for the class. The test plays
 * the rest of the system: it sends heartbeats and call events as dialer adapters do, and requests as ingest
 * does, and reads the dial commands and results the scheduler publishes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulerIT {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final EventCodec codec = new EventCodec();
    private final AtomicInteger numbers = new AtomicInteger();
    private final List<ConsumerRecord<String, String>> dialCommands = new CopyOnWriteArrayList<>();
    private final List<VerificationCompleted> results = new CopyOnWriteArrayList<>();
    private final List<ConsumerRecord<String, String>> deadLetters = new CopyOnWriteArrayList<>();

    private Fleet fleet;
    private Topics topics;
    private Database db;
    private ConfigurableApplicationContext scheduler;
    private KafkaProducer<String, String> producer;
    private KafkaConsumer<String, String> consumer;
    private ScheduledExecutorService adapters;

    @BeforeAll
    void startScheduler() {
        Infrastructure infra = Infrastructure.shared();
        TestNamespace namespace = infra.newNamespace();
        topics = namespace.topics();
        fleet = TestFleets.fleet(2, 2, 10, 10);
        infra.createTopics(topics, fleet, 3);
        db = infra.newDatabase();
        Map<String, Object> properties = new HashMap<>(ServiceProperties.common(infra, namespace, TestFleets.write(fleet)));
        properties.putAll(db.springProperties("scheduler"));
        // A small waiting line, so that the back-pressure test can fill it.
        properties.put("codac.scheduler.queue-capacity", "30");
        properties.put("codac.scheduler.queue-high-watermark", "10");
        properties.put("codac.scheduler.queue-low-watermark", "2");
        // As arguments: SpringApplicationBuilder.properties(...) are defaults, which application.yml would override.
        scheduler = new SpringApplicationBuilder(SchedulerApplication.class).run(ServiceProperties.asArgs(properties));

        producer = TestClients.producer(infra.kafkaBootstrapServers());
        consumer = TestClients.consumer(infra.kafkaBootstrapServers());
        var partitions = new ArrayList<TopicPartition>();
        for (String topic : List.of(topics.dialCommands(), topics.verificationResults(),
                topics.deadLetter(topics.verificationRequested()), topics.deadLetter(topics.callEvents()),
                topics.deadLetter(topics.fleetTelemetry()))) {
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);

        // Like the dialer adapters beside each server: a heartbeat per server, several times a second.
        adapters = Executors.newSingleThreadScheduledExecutor();
        adapters.scheduleAtFixedRate(() -> fleet.servers().forEach(this::heartbeat), 0, 200, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    void stop() {
        if (adapters != null) {
            adapters.shutdownNow();
        }
        if (scheduler != null) {
            scheduler.close();
        }
        if (consumer != null) {
            consumer.close();
        }
        if (producer != null) {
            producer.close();
        }
    }

    @Test
    void aRequestBecomesADialCommandOnTheChosenTrunksPartitionAndARingingCallIsVerified() throws SQLException {
        VerificationRequested request = request();
        publish(topics.verificationRequested(), request);

        ConsumerRecord<String, String> record = awaitDialCommands(request.verificationId(), 1).getFirst();
        DialCommand command = codec.decode(record.value(), DialCommand.class);
        assertThat(record.partition()).isEqualTo(fleet.trunk(command.trunkId()).orElseThrow().partition());
        assertThat(record.key()).isEqualTo(command.trunkId());
        assertThat(command.serverId()).isEqualTo(fleet.serverOf(command.trunkId()).id());
        assertThat(command.callerId()).isEqualTo(fleet.serverOf(command.trunkId()).dids().getFirst());
        assertThat(command.phoneNumber()).isEqualTo(request.phoneNumber());
        assertThat(command.attemptNumber()).isEqualTo(1);
        assertThat(command.ringTimeoutSeconds()).isEqualTo(30);
        assertThat(command.notAfter()).isAfter(command.occurredAt());

        publish(topics.callEvents(), callEvent(command, CallEventType.DIAL_STARTED, null));
        publish(topics.callEvents(), callEvent(command, CallEventType.RINGING, null));

        // Reported at the ringing, before the call ends (BRIEF §4).
        VerificationCompleted result = awaitResult(request.verificationId());
        assertThat(result.status()).isEqualTo(VerificationStatus.VERIFIED);
        assertThat(result.clientId()).isEqualTo(request.clientId());
        assertThat(result.attempts()).singleElement().satisfies(attempt -> {
            assertThat(attempt.attemptId()).isEqualTo(command.attemptId());
            assertThat(attempt.trunkId()).isEqualTo(command.trunkId());
            assertThat(attempt.outcome()).isEqualTo(OutcomeClass.VERIFIED);
            assertThat(attempt.alerted()).isTrue();
            assertThat(attempt.endedAt()).isNull();
        });
        assertThat(attemptRow(command.attemptId())).containsEntry("status", "RINGING");
        assertThat(liveAttemptOn(request.phoneNumber())).contains(command.attemptId());

        publish(topics.callEvents(), callEvent(command, CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));

        await().atMost(BOUND).until(() -> "ENDED".equals(attemptRow(command.attemptId()).get("status")));
        assertThat(attemptRow(command.attemptId())).containsEntry("outcome", "VERIFIED").containsEntry("q850_cause", 16);
        assertThat(liveAttemptOn(request.phoneNumber())).isEmpty();
        assertThat(resultsFor(request.verificationId())).hasSize(1);
        MeterRegistry meters = scheduler.getBean(MeterRegistry.class);
        assertThat(meters.get("codac.scheduler.placements").tag("trunk", command.trunkId()).counter().count()).isPositive();
        assertThat(meters.get("codac.scheduler.results").tag("status", "VERIFIED").counter().count()).isPositive();
    }

    @Test
    void operatorsSeeTheFleetAndNoInstancePlacesNewWorkOnADrainedServer() throws Exception {
        String base = "http://127.0.0.1:" + scheduler.getEnvironment().getProperty("local.server.port");
        await().atMost(BOUND).until(() -> json(http(base + "/v1/fleet", "GET").body()).path("servers").size() == 2);
        JsonNode view = json(http(base + "/v1/fleet", "GET").body());
        assertThat(view.path("servers")).extracting(server -> server.path("serverId").asText())
                .containsExactly("srv1", "srv2");
        assertThat(view.path("trunks")).hasSize(4);
        assertThat(view.path("trunks").get(0).path("contractCps").asInt()).isEqualTo(10);

        HttpResponse<String> unknown = http(base + "/v1/fleet/servers/nowhere/drain", "POST");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown.body()).path("code").asText()).isEqualTo("unknown_server");

        HttpResponse<String> drained = http(base + "/v1/fleet/servers/srv1/drain", "POST");
        try {
            assertThat(drained.statusCode()).isEqualTo(200);
            assertThat(json(drained.body()).path("drainedByOperator").asBoolean()).isTrue();
            assertThat(json(http(base + "/v1/fleet", "GET").body()).path("servers").get(0)
                    .path("drainedByOperator").asBoolean()).isTrue();
            for (int i = 0; i < 4; i++) {
                VerificationRequested request = request();
                publish(topics.verificationRequested(), request);
                DialCommand command = codec.decode(awaitDialCommands(request.verificationId(), 1).getFirst().value(),
                        DialCommand.class);
                assertThat(command.serverId()).isEqualTo("srv2");
                publish(topics.callEvents(), callEvent(command, CallEventType.ENDED,
                        CallSignal.flashHangUpAfterRinging()));
            }
        } finally {
            assertThat(http(base + "/v1/fleet/servers/srv1/drain", "DELETE").statusCode()).isEqualTo(200);
        }
        assertThat(json(http(base + "/v1/fleet", "GET").body()).path("servers").get(0)
                .path("drainedByOperator").asBoolean()).isFalse();
    }

    @Test
    void aFullWaitingLinePausesNewRequestsInKafkaAndNothingIsLostWhenItDrains() throws Exception {
        String base = "http://127.0.0.1:" + scheduler.getEnvironment().getProperty("local.server.port");
        List<VerificationRequested> requests = new ArrayList<>();
        try {
            assertThat(http(base + "/v1/fleet/servers/srv1/drain", "POST").statusCode()).isEqualTo(200);
            assertThat(http(base + "/v1/fleet/servers/srv2/drain", "POST").statusCode()).isEqualTo(200);
            for (int i = 0; i < 20; i++) {
                VerificationRequested request = request();
                requests.add(request);
                publish(topics.verificationRequested(), request);
            }
            // No trunk takes work: the line reaches its high watermark and the requests partitions are paused...
            await().atMost(BOUND).until(() -> requestsPaused() && registered(requests) >= 10);
            int taken = registered(requests);
            // ...so what arrives now waits in Kafka, durable, until the line has drained.
            for (int i = 0; i < 20; i++) {
                VerificationRequested request = request();
                requests.add(request);
                publish(topics.verificationRequested(), request);
            }
            await().during(Duration.ofSeconds(2)).atMost(BOUND).until(() -> registered(requests) == taken);
            assertThat(taken).isLessThan(requests.size());
            assertThat(dialCommandsFor(requests.getFirst().verificationId())).isEmpty();
        } finally {
            http(base + "/v1/fleet/servers/srv1/drain", "DELETE");
            http(base + "/v1/fleet/servers/srv2/drain", "DELETE");
        }
        for (VerificationRequested request : requests) {
            DialCommand command = codec.decode(awaitDialCommands(request.verificationId(), 1).getFirst().value(),
                    DialCommand.class);
            publish(topics.callEvents(), callEvent(command, CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));
        }
        assertThat(registered(requests)).isEqualTo(requests.size());
    }

    private boolean requestsPaused() {
        MessageListenerContainer container = scheduler.getBean(KafkaListenerEndpointRegistry.class)
                .getListenerContainer("scheduler-numbers");
        var requestPartitions = container.getAssignedPartitions().stream()
                .filter(partition -> partition.topic().equals(topics.verificationRequested())).toList();
        return !requestPartitions.isEmpty() && requestPartitions.stream().allMatch(container::isPartitionPaused);
    }

    /** How many of these requests the scheduler has taken into its ledger. */
    private int registered(List<VerificationRequested> requests) throws SQLException {
        int count = 0;
        for (VerificationRequested request : requests) {
            if (queryOne("SELECT status FROM verifications WHERE id = ?", request.verificationId()).isPresent()) {
                count++;
            }
        }
        return count;
    }

    private static HttpResponse<String> http(String url, String method) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    @Test
    void aRouteFailureIsDialedAgainOnADifferentTrunk() throws SQLException {
        VerificationRequested request = request();
        publish(topics.verificationRequested(), request);
        DialCommand first = codec.decode(awaitDialCommands(request.verificationId(), 1).getFirst().value(), DialCommand.class);

        publish(topics.callEvents(), callEvent(first, CallEventType.ENDED, CallSignal.failedBeforeAlerting(38, null)));

        ConsumerRecord<String, String> secondRecord = awaitDialCommands(request.verificationId(), 2).get(1);
        DialCommand second = codec.decode(secondRecord.value(), DialCommand.class);
        assertThat(second.trunkId()).isNotEqualTo(first.trunkId());
        assertThat(second.attemptNumber()).isEqualTo(2);
        assertThat(secondRecord.partition()).isEqualTo(fleet.trunk(second.trunkId()).orElseThrow().partition());
        assertThat(attemptRow(first.attemptId())).containsEntry("status", "ENDED")
                .containsEntry("outcome", "ROUTE_FAILURE").containsEntry("q850_cause", 38);
        assertThat(attemptRow(second.attemptId())).containsEntry("status", "PLACED");
    }

    @Test
    void anUnallocatedNumberIsInvalid() {
        VerificationRequested request = request();
        publish(topics.verificationRequested(), request);
        DialCommand command = codec.decode(awaitDialCommands(request.verificationId(), 1).getFirst().value(), DialCommand.class);

        publish(topics.callEvents(), callEvent(command, CallEventType.ENDED, CallSignal.failedBeforeAlerting(1, 404)));

        VerificationCompleted result = awaitResult(request.verificationId());
        assertThat(result.status()).isEqualTo(VerificationStatus.INVALID);
        assertThat(result.attempts()).singleElement().extracting(a -> a.outcome()).isEqualTo(OutcomeClass.INVALID);
    }

    @Test
    void aDuplicatedRequestYieldsOneDialCommand() throws SQLException {
        VerificationRequested request = request();
        publish(topics.verificationRequested(), request);
        publish(topics.verificationRequested(), request);
        publish(topics.verificationRequested(), new VerificationRequested(UUID.randomUUID().toString(),
                request.occurredAt(), request.verificationId(), request.clientId(), request.phoneNumber(),
                request.method(), request.clientRef(), null, request.expiresAt(), null, Map.of()));
        // Same number, so same partition, processed after the duplicates: once it is in the ledger, they were handled.
        VerificationRequested sentinel = request(request.phoneNumber());
        publish(topics.verificationRequested(), sentinel);

        await().atMost(BOUND).until(() -> verificationStatus(sentinel.verificationId()) != null);
        assertThat(attemptCount(request.verificationId())).isEqualTo(1);
        assertThat(awaitDialCommands(request.verificationId(), 1)).hasSize(1);
    }

    @Test
    void aSecondVerificationOfANumberInALiveCallIsDialedOnlyAfterTheFirstAttemptEnded() throws SQLException {
        VerificationRequested first = request();
        VerificationRequested second = request(first.phoneNumber()); // a second client, or a POST without Idempotency-Key
        double refusedBefore = numberInCallRefusals();
        publish(topics.verificationRequested(), first);
        publish(topics.verificationRequested(), second);

        DialCommand firstCommand = codec.decode(awaitDialCommands(first.verificationId(), 1).getFirst().value(),
                DialCommand.class);
        await().atMost(BOUND).until(() -> numberInCallRefusals() > refusedBefore);
        assertThat(verificationStatus(second.verificationId())).isEqualTo("PENDING");

        // The phone rings: the first is VERIFIED at once, but its call is live until its end is reported.
        publish(topics.callEvents(), callEvent(firstCommand, CallEventType.RINGING, null));
        assertThat(awaitResult(first.verificationId()).status()).isEqualTo(VerificationStatus.VERIFIED);
        double refusedWhileRinging = numberInCallRefusals();
        await().atMost(BOUND).until(() -> numberInCallRefusals() > refusedWhileRinging);
        assertThat(dialCommandsFor(second.verificationId())).isEmpty();
        assertThat(liveAttemptOn(first.phoneNumber())).contains(firstCommand.attemptId());

        publish(topics.callEvents(), callEvent(firstCommand, CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));

        DialCommand secondCommand = codec.decode(awaitDialCommands(second.verificationId(), 1).getFirst().value(),
                DialCommand.class);
        assertThat(attemptRow(firstCommand.attemptId())).containsEntry("status", "ENDED");
        assertThat(liveAttemptOn(first.phoneNumber())).contains(secondCommand.attemptId());
        assertThat(dialCommandsFor(first.verificationId())).hasSize(1);
    }

    @Test
    void recordsThatBreakTheEventContractAreDeadLetteredAndTheirPartitionsMoveOn() {
        VerificationRequested good = request();
        String key = good.phoneNumber();
        String notJson = "{not json";
        String nationalNumber = codec.encode(new VerificationRequested(UUID.randomUUID().toString(), Instant.now(),
                "v-" + UUID.randomUUID(), "client-it", "07700900123", VerificationMethod.FLASH_CALL, "order-1", null,
                Instant.now().plusSeconds(300), null, Map.of()));
        String oversizedId = codec.encode(new VerificationRequested(UUID.randomUUID().toString(), Instant.now(),
                "v-" + "x".repeat(80), "client-it", key, VerificationMethod.FLASH_CALL, "order-1", null,
                Instant.now().plusSeconds(300), null, Map.of()));
        for (String poison : List.of(notJson, nationalNumber, oversizedId)) {
            send(topics.verificationRequested(), key, poison);
        }
        publish(topics.verificationRequested(), good); // same key, same partition: behind the poison

        DialCommand command = codec.decode(awaitDialCommands(good.verificationId(), 1).getFirst().value(), DialCommand.class);
        CallLeg legWithoutAttempt = new CallLeg(null, command.verificationId(), key, command.trunkId(), command.serverId());
        String ringingWithoutAttempt = codec.encode(new CallEvent(UUID.randomUUID().toString(), Instant.now(),
                CallEventType.RINGING, legWithoutAttempt, null, null, null));
        String endWithoutSignal = codec.encode(callEvent(command, CallEventType.ENDED, null));
        send(topics.callEvents(), key, ringingWithoutAttempt);
        send(topics.callEvents(), key, endWithoutSignal);
        send(topics.fleetTelemetry(), "srv-x", notJson);
        publish(topics.callEvents(), callEvent(command, CallEventType.RINGING, null));

        assertThat(awaitResult(good.verificationId()).status()).isEqualTo(VerificationStatus.VERIFIED);
        await().atMost(BOUND).until(() -> {
            drain();
            return deadLetterValues(topics.verificationRequested()).containsAll(List.of(notJson, nationalNumber, oversizedId))
                    && deadLetterValues(topics.callEvents()).containsAll(List.of(ringingWithoutAttempt, endWithoutSignal))
                    && deadLetterValues(topics.fleetTelemetry()).contains(notJson);
        });
        assertThat(dialCommands).noneMatch(r -> r.value().contains("07700900123"));
    }

    @Test
    void redeliveredCallEventsChangeNothing() throws SQLException {
        VerificationRequested request = request();
        publish(topics.verificationRequested(), request);
        DialCommand command = codec.decode(awaitDialCommands(request.verificationId(), 1).getFirst().value(),
                DialCommand.class);
        CallEvent ringing = callEvent(command, CallEventType.RINGING, null);
        CallEvent ended = callEvent(command, CallEventType.ENDED, CallSignal.failedBeforeAlerting(38, null));

        publish(topics.callEvents(), ringing);
        publish(topics.callEvents(), ringing);
        publish(topics.callEvents(), ended);
        publish(topics.callEvents(), ended);
        publish(topics.callEvents(), callEvent(command, CallEventType.RINGING, null));
        // A sentinel: a request for the same number is dialed only once the first ENDED freed the number; its own
        // ringing, on the same call-events partition behind every event above, is reported only after they all were.
        VerificationRequested sentinel = request(request.phoneNumber());
        publish(topics.verificationRequested(), sentinel);
        DialCommand sentinelCommand = codec.decode(awaitDialCommands(sentinel.verificationId(), 1).getFirst().value(),
                DialCommand.class);
        publish(topics.callEvents(), callEvent(sentinelCommand, CallEventType.RINGING, null));
        awaitResult(sentinel.verificationId());

        assertThat(resultsFor(request.verificationId())).singleElement()
                .extracting(VerificationCompleted::status).isEqualTo(VerificationStatus.VERIFIED);
        assertThat(attemptRow(command.attemptId())).containsEntry("status", "ENDED");
        assertThat(attemptCount(request.verificationId())).isEqualTo(1);
        assertThat(dialCommandsFor(request.verificationId())).hasSize(1);
    }

    private VerificationRequested request() {
        return request(String.format("+4477009%05d", numbers.incrementAndGet()));
    }

    private VerificationRequested request(String phoneNumber) {
        Instant now = Instant.now();
        return new VerificationRequested(UUID.randomUUID().toString(), now, "v-" + UUID.randomUUID(), "client-it",
                phoneNumber, VerificationMethod.FLASH_CALL, "order-1", null, now.plusSeconds(300), null, Map.of());
    }

    private CallEvent callEvent(DialCommand command, CallEventType type, CallSignal signal) {
        return new CallEvent(UUID.randomUUID().toString(), Instant.now(), type,
                new CallLeg(command.attemptId(), command.verificationId(), command.phoneNumber(), command.trunkId(),
                        command.serverId()), signal, signal == null ? null : "cause " + signal.q850Cause(), null);
    }

    private void heartbeat(TelephonyServer server) {
        publish(topics.fleetTelemetry(), new ServerHeartbeat(UUID.randomUUID().toString(), Instant.now(), server.id(),
                ServerState.UP, List.of()));
    }

    private void publish(String topic, CodacEvent event) {
        send(topic, event.key(), codec.encode(event));
    }

    private void send(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    private double numberInCallRefusals() {
        var counter = scheduler.getBean(MeterRegistry.class).find("codac.scheduler.no.placement")
                .tag("reason", "NUMBER_IN_CALL").counter();
        return counter == null ? 0 : counter.count();
    }

    private List<String> deadLetterValues(String topic) {
        return deadLetters.stream().filter(r -> r.topic().equals(topics.deadLetter(topic)))
                .map(ConsumerRecord::value).toList();
    }

    private List<VerificationCompleted> resultsFor(String verificationId) {
        drain();
        return results.stream().filter(r -> r.verificationId().equals(verificationId)).toList();
    }

    private List<ConsumerRecord<String, String>> awaitDialCommands(String verificationId, int count) {
        await().atMost(BOUND).until(() -> {
            drain();
            return dialCommandsFor(verificationId).size() >= count;
        });
        return dialCommandsFor(verificationId);
    }

    private List<ConsumerRecord<String, String>> dialCommandsFor(String verificationId) {
        drain();
        return dialCommands.stream()
                .filter(r -> codec.decode(r.value(), DialCommand.class).verificationId().equals(verificationId))
                .toList();
    }

    private VerificationCompleted awaitResult(String verificationId) {
        await().atMost(BOUND).until(() -> {
            drain();
            return results.stream().anyMatch(r -> r.verificationId().equals(verificationId));
        });
        return results.stream().filter(r -> r.verificationId().equals(verificationId)).findFirst().orElseThrow();
    }

    /** Reads whatever arrived; only the test thread touches the consumer. */
    private synchronized void drain() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
            if (record.topic().equals(topics.dialCommands())) {
                dialCommands.add(record);
            } else if (record.topic().equals(topics.verificationResults())) {
                results.add(codec.decode(record.value(), VerificationCompleted.class));
            } else {
                deadLetters.add(record);
            }
        }
    }

    private Map<String, Object> attemptRow(String attemptId) throws SQLException {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             var statement = connection.prepareStatement(
                     "SELECT status, outcome, q850_cause, trunk_id FROM attempts WHERE attempt_id = ?")) {
            statement.setString(1, attemptId);
            try (ResultSet row = statement.executeQuery()) {
                assertThat(row.next()).as("attempt %s in the ledger", attemptId).isTrue();
                var columns = new HashMap<String, Object>();
                columns.put("status", row.getString("status"));
                columns.put("outcome", row.getString("outcome"));
                columns.put("q850_cause", row.getObject("q850_cause") == null ? null : row.getInt("q850_cause"));
                columns.put("trunk_id", row.getString("trunk_id"));
                return columns;
            }
        }
    }

    private Optional<String> liveAttemptOn(String phoneNumber) throws SQLException {
        return queryOne("SELECT attempt_id FROM live_numbers WHERE phone_number = ?", phoneNumber);
    }

    private String verificationStatus(String verificationId) throws SQLException {
        return queryOne("SELECT status FROM verifications WHERE id = ?", verificationId).orElse(null);
    }

    private int attemptCount(String verificationId) throws SQLException {
        return Integer.parseInt(queryOne("SELECT COUNT(*) FROM attempts WHERE verification_id = ?", verificationId)
                .orElseThrow());
    }

    private Optional<String> queryOne(String sql, String parameter) throws SQLException {
        return TestClients.queryOne(db, sql, parameter);
    }
}
