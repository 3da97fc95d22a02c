package io.codac.reporting.timeline;

import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.domain.VerificationStatus;
import io.codac.contracts.event.AttemptSummary;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.CallLeg;
import io.codac.contracts.event.CodacEvent;
import io.codac.contracts.event.VerificationCompleted;
import io.codac.contracts.event.VerificationRequested;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.topic.Topics;
import io.codac.reporting.ReportingApplication;
import io.codac.testsupport.Database;
import io.codac.testsupport.Infrastructure;
import io.codac.testsupport.ServiceProperties;
import io.codac.testsupport.TestFleets;
import io.codac.testsupport.TestNamespace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
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

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The timeline projection on a real broker and a real MariaDB: records go in through Kafka exactly as
 * ingest, the adapters and the scheduler publish them, and the rows ingest reads come out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TimelineProjectionIT {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00.125Z");

    private final EventCodec codec = new EventCodec();
    private final AtomicInteger numbers = new AtomicInteger();
    private Infrastructure infra;
    private Topics topics;
    private Database db;
    private ConfigurableApplicationContext reporting;
    private KafkaProducer<String, String> producer;

    @BeforeAll
    void startReporting() {
        infra = Infrastructure.shared();
        TestNamespace namespace = infra.newNamespace();
        topics = namespace.topics();
        Fleet fleet = TestFleets.fleet(1, 1, 10, 10);
        infra.createTopics(topics, fleet, 3);
        db = infra.newDatabase();
        Map<String, Object> properties = new HashMap<>(ServiceProperties.common(infra, namespace, TestFleets.write(fleet)));
        properties.putAll(db.springProperties("reporting"));
        // As command-line arguments: SpringApplicationBuilder.properties(...) are defaults, which
        // application.yml (port 8120, the local database) would override.
        reporting = new SpringApplicationBuilder(ReportingApplication.class).run(properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue())
                .toArray(String[]::new));

        var config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer = new KafkaProducer<>(config);
    }

    @AfterAll
    void stopReporting() {
        if (producer != null) {
            producer.close();
        }
        if (reporting != null) {
            reporting.close();
        }
    }

    @Test
    void aVerificationMovesFromPendingThroughInProgressToVerifiedWithItsLegsAndOutcomes() {
        var v = new Verification();

        publish(v.requested());
        await().atMost(BOUND).until(() -> "PENDING".equals(timeline(v.id).get("status")));
        assertThat(timeline(v.id)).containsEntry("client_id", "client-1").containsEntry("phone_number", v.phone)
                .containsEntry("method", "FLASH_CALL").containsEntry("client_ref", "order-" + v.id)
                .containsEntry("requested_at", utc(T0)).containsEntry("expires_at", utc(T0.plusSeconds(300)));

        publish(v.dialStarted());
        publish(v.ringing());
        await().atMost(BOUND).until(() -> "RINGING".equals(leg(v.attemptId).get("state")));
        assertThat(timeline(v.id)).containsEntry("status", "IN_PROGRESS");

        publish(v.ended());
        publish(v.completed());
        await().atMost(BOUND).until(() -> "VERIFIED".equals(timeline(v.id).get("status")));
        assertThat(timeline(v.id)).containsEntry("reason", "rang").containsEntry("completed_at", utc(T0.plusSeconds(4)));
        assertThat(leg(v.attemptId))
                .containsEntry("verification_id", v.id).containsEntry("attempt_number", 1)
                .containsEntry("trunk_id", "srv1-t1").containsEntry("server_id", "srv1")
                .containsEntry("state", "ENDED").containsEntry("started_at", utc(T0.plusSeconds(1)))
                .containsEntry("ringing_at", utc(T0.plusSeconds(2))).containsEntry("answered_at", null)
                .containsEntry("ended_at", utc(T0.plusSeconds(3))).containsEntry("q850_cause", 16)
                .containsEntry("cause_text", "Normal Clearing").containsEntry("outcome", "VERIFIED");
    }

    @Test
    void theSameRecordsPublishedTwiceLeaveTheSameRows() {
        var v = new Verification();
        List<CodacEvent> all = List.of(v.requested(), v.dialStarted(), v.ringing(), v.ended(), v.completed());
        all.forEach(this::publish);
        await().atMost(BOUND).until(() -> "VERIFIED".equals(timeline(v.id).get("status")));
        awaitEverythingConsumed();
        var timelineBefore = timeline(v.id);
        var legBefore = leg(v.attemptId);

        all.forEach(this::publish);
        publish(v.ringing()); // a late redelivery of an earlier state, after the end
        awaitEverythingConsumed();

        assertThat(timeline(v.id)).isEqualTo(timelineBefore);
        assertThat(leg(v.attemptId)).isEqualTo(legBefore);
        assertThat(rows("SELECT COUNT(*) AS n FROM call_legs WHERE verification_id = ?", v.id).getFirst())
                .containsEntry("n", 1L);
    }

    @Test
    void aResultArrivingBeforeItsRequestStillEndsVerified() {
        var v = new Verification();

        publish(v.completed());
        publish(v.ringing());
        awaitEverythingConsumed();
        assertThat(leg(v.attemptId)).containsEntry("outcome", "VERIFIED");

        publish(v.requested());
        await().atMost(BOUND).until(() -> "VERIFIED".equals(timeline(v.id).get("status")));
        assertThat(timeline(v.id)).containsEntry("reason", "rang").containsEntry("client_ref", "order-" + v.id)
                .containsEntry("completed_at", utc(T0.plusSeconds(4)));
        assertThat(rows("SELECT * FROM results_awaiting_request WHERE verification_id = ?", v.id)).isEmpty();
    }

    @Test
    void callEventsBeforeTheirRequestLeaveTheVerificationInProgress() {
        var v = new Verification();

        publish(v.dialStarted());
        publish(v.ringing());
        awaitEverythingConsumed();
        publish(v.requested());

        await().atMost(BOUND).until(() -> "IN_PROGRESS".equals(timeline(v.id).get("status")));
        assertThat(leg(v.attemptId)).containsEntry("state", "RINGING");
    }

    @Test
    void aLateCallEventNeverReopensAVerdict() {
        var v = new Verification();
        publish(v.requested());
        publish(v.completed());
        await().atMost(BOUND).until(() -> "VERIFIED".equals(timeline(v.id).get("status")));

        publish(v.dialStarted());
        awaitEverythingConsumed();

        assertThat(timeline(v.id)).containsEntry("status", "VERIFIED");
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndTheNextGoodRecordIsStillProjected() throws Exception {
        var v = new Verification();
        publish(v.requested());
        await().atMost(BOUND).until(() -> "PENDING".equals(timeline(v.id).get("status")));

        String poison = "not json " + v.id;
        // Same key as the good result, so both land on the same partition, poison first.
        producer.send(new ProducerRecord<>(topics.verificationResults(), "client-1", poison)).get();
        publish(v.completed());

        await().atMost(BOUND).until(() -> "VERIFIED".equals(timeline(v.id).get("status")));
        assertThat(deadLetters(topics.verificationResults())).contains(poison);
    }

    @Test
    void metricsCountResultsByStatusAndShowConsumerLag() {
        var meters = reporting.getBean(MeterRegistry.class);
        double before = verifiedCount(meters);
        var v = new Verification();

        publish(v.requested());
        publish(v.completed());

        await().atMost(BOUND).until(() -> verifiedCount(meters) >= before + 1);
        assertThat(meters.find("kafka.consumer.fetch.manager.records.lag.max").meters()).isNotEmpty();
    }

    private static double verifiedCount(MeterRegistry meters) {
        Counter counter = meters.find("codac.reporting.results.projected").tag("status", "VERIFIED").counter();
        return counter == null ? 0 : counter.count();
    }

    /** One flash call of a fresh number: one attempt, rang, hung up by us, VERIFIED. */
    private final class Verification {
        final String id = "ver-" + UUID.randomUUID();
        final String attemptId = "att-" + UUID.randomUUID();
        final String phone = "+3361234" + String.format("%04d", numbers.incrementAndGet());
        final CallLeg leg = new CallLeg(attemptId, id, phone, "srv1-t1", "srv1");

        VerificationRequested requested() {
            return new VerificationRequested("req-" + id, T0, id, "client-1", phone, VerificationMethod.FLASH_CALL,
                    "order-" + id, null, T0.plusSeconds(300), null, Map.of());
        }

        CallEvent dialStarted() {
            return new CallEvent("dial-" + attemptId, T0.plusSeconds(1), CallEventType.DIAL_STARTED, leg, null, null, null);
        }

        CallEvent ringing() {
            return new CallEvent("ring-" + attemptId, T0.plusSeconds(2), CallEventType.RINGING, leg, null, null, null);
        }

        CallEvent ended() {
            return new CallEvent("end-" + attemptId, T0.plusSeconds(3), CallEventType.ENDED, leg,
                    CallSignal.flashHangUpAfterRinging(), "Normal Clearing", null);
        }

        VerificationCompleted completed() {
            var attempt = new AttemptSummary(attemptId, 1, "srv1-t1", "srv1", T0.plusSeconds(1), T0.plusSeconds(3),
                    OutcomeClass.VERIFIED, 16, true);
            return new VerificationCompleted("res-" + id, T0.plusSeconds(4), id, "client-1", phone,
                    VerificationStatus.VERIFIED, "rang", T0, List.of(attempt));
        }
    }

    private void publish(CodacEvent event) {
        String topic = switch (event) {
            case VerificationRequested e -> topics.verificationRequested();
            case CallEvent e -> topics.callEvents();
            case VerificationCompleted e -> topics.verificationResults();
            default -> throw new IllegalArgumentException(event.toString());
        };
        try {
            producer.send(new ProducerRecord<>(topic, event.key(), codec.encode(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + event, e);
        }
    }

    /** Waits until reporting's consumer group has committed every record on the three topics it reads. */
    private void awaitEverythingConsumed() {
        List<String> read = List.of(topics.verificationRequested(), topics.callEvents(), topics.verificationResults());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            var partitions = new HashMap<TopicPartition, OffsetSpec>();
            admin.describeTopics(read).allTopicNames().get().forEach((name, description) -> description.partitions()
                    .forEach(p -> partitions.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            var ends = admin.listOffsets(partitions).all().get();
            await().atMost(BOUND).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(topics.group("reporting")).partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(end -> end.getValue().offset() == 0
                        || (committed.get(end.getKey()) != null
                        && committed.get(end.getKey()).offset() >= end.getValue().offset()));
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> deadLetters(String topic) {
        var config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var values = new ArrayList<String>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topics.deadLetter(topic)));
            await().atMost(BOUND).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
                return !values.isEmpty();
            });
        }
        return values;
    }

    private Map<String, Object> timeline(String verificationId) {
        var found = rows("SELECT * FROM verification_timeline WHERE verification_id = ?", verificationId);
        return found.isEmpty() ? Map.of() : found.getFirst();
    }

    private Map<String, Object> leg(String attemptId) {
        var found = rows("SELECT * FROM call_legs WHERE attempt_id = ?", attemptId);
        return found.isEmpty() ? Map.of() : found.getFirst();
    }

    private List<Map<String, Object>> rows(String sql, String parameter) {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             var statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                var rows = new ArrayList<Map<String, Object>>();
                var meta = result.getMetaData();
                while (result.next()) {
                    var row = new LinkedHashMap<String, Object>();
                    for (int column = 1; column <= meta.getColumnCount(); column++) {
                        Object value = result.getObject(column);
                        if (value instanceof java.sql.Timestamp) {
                            value = result.getObject(column, LocalDateTime.class);
                        }
                        row.put(meta.getColumnLabel(column).toLowerCase(), value);
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }
}
