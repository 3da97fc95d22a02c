package io.codac.scheduler.inbound;

import io.codac.contracts.domain.Fleet;
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
import io.codac.scheduler.SchedulerApplication;
import io.codac.scheduler.testing.TestClients;
import io.codac.testsupport.Database;
import io.codac.testsupport.Infrastructure;
import io.codac.testsupport.ServiceProperties;
import io.codac.testsupport.TestFleets;
import io.codac.testsupport.TestNamespace;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The missed-call flow of the scheduler on a real Kafka broker and a real MariaDB. The test plays ingest (it
 * publishes {@code MISSED_CALL} requests with their dial-in number) and the dialer adapters (heartbeats, and the
 * {@code INBOUND_CALL} events they report for calls to the fleet's DIDs), and reads what the scheduler publishes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MissedCallIT {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final EventCodec codec = new EventCodec();
    private final AtomicInteger numbers = new AtomicInteger();
    private final List<DialCommand> dialCommands = new CopyOnWriteArrayList<>();
    private final List<VerificationCompleted> results = new CopyOnWriteArrayList<>();

    private Fleet fleet;
    private Topics topics;
    private Database db;
    private ConfigurableApplicationContext scheduler;
    private KafkaProducer<String, String> producer;
    private KafkaConsumer<String, String> consumer;
    private ScheduledExecutorService adapters;
    private String did;
    private String otherDid;

    @BeforeAll
    void startScheduler() {
        Infrastructure infra = Infrastructure.shared();
        TestNamespace namespace = infra.newNamespace();
        topics = namespace.topics();
        fleet = TestFleets.fleet(2, 2, 10, 10);
        did = fleet.dids().get(0);
        otherDid = fleet.dids().get(1);
        infra.createTopics(topics, fleet, 3);
        db = infra.newDatabase();
        Map<String, Object> properties = new HashMap<>(ServiceProperties.common(infra, namespace, TestFleets.write(fleet)));
        properties.putAll(db.springProperties("scheduler"));
        scheduler = new SpringApplicationBuilder(SchedulerApplication.class).run(ServiceProperties.asArgs(properties));

        producer = TestClients.producer(infra.kafkaBootstrapServers());
        consumer = TestClients.consumerFromStart(infra.kafkaBootstrapServers(),
                List.of(topics.dialCommands(), topics.verificationResults()));

        // The fleet is up: had the scheduler wanted to dial a missed-call verification, it could have.
        adapters = Executors.newSingleThreadScheduledExecutor();
        adapters.scheduleAtFixedRate(() -> fleet.servers().forEach(server -> publish(topics.fleetTelemetry(),
                new ServerHeartbeat(UUID.randomUUID().toString(), Instant.now(), server.id(), ServerState.UP,
                        List.of()))), 0, 200, TimeUnit.MILLISECONDS);
    }

    @AfterAll
    void stop() throws Exception {
        adapters.shutdownNow();
        for (AutoCloseable part : List.<AutoCloseable>of(scheduler, consumer, producer)) {
            part.close();
        }
    }

    @Test
    void theShoppersCallToTheGivenDidVerifiesTheNumberWithoutDialingIt() throws SQLException {
        VerificationRequested request = missedCall(newNumber(), did, Duration.ofMinutes(5));
        publish(topics.verificationRequested(), request);
        await().atMost(BOUND).until(() -> "PENDING".equals(statusOf(request.verificationId())));

        publish(topics.callEvents(), inboundCall(request.phoneNumber(), did));

        VerificationCompleted result = awaitResult(request.verificationId());
        assertThat(result.status()).isEqualTo(VerificationStatus.VERIFIED);
        assertThat(result.clientId()).isEqualTo(request.clientId());
        assertThat(result.phoneNumber()).isEqualTo(request.phoneNumber());
        assertThat(result.reason()).isEqualTo(MatchingMissedCalls.VERIFIED_REASON);
        assertThat(result.attempts()).isEmpty();
        assertThat(statusOf(request.verificationId())).isEqualTo("VERIFIED");
        assertNeverDialed(request);
        assertThat(callsCounted("verified")).isPositive();
    }

    @Test
    void aCallFromAnotherNumberOrToAnotherDidVerifiesNothingAndTheVerificationExpiresUndialed() throws SQLException {
        VerificationRequested request = missedCall(newNumber(), did, Duration.ofSeconds(4));
        publish(topics.verificationRequested(), request);
        await().atMost(BOUND).until(() -> "PENDING".equals(statusOf(request.verificationId())));
        double noVerification = callsCounted("no_verification");
        double otherDidCalls = callsCounted("other_did");

        publish(topics.callEvents(), inboundCall(newNumber(), did));
        publish(topics.callEvents(), inboundCall(request.phoneNumber(), otherDid));
        await().atMost(BOUND).until(() -> callsCounted("no_verification") > noVerification
                && callsCounted("other_did") > otherDidCalls);

        VerificationCompleted result = awaitResult(request.verificationId());
        assertThat(result.status()).isEqualTo(VerificationStatus.EXPIRED);
        assertThat(resultsFor(request.verificationId())).hasSize(1);
        assertNeverDialed(request);
    }

    @Test
    void aCallAfterTheTimeToLiveDoesNotVerify() throws SQLException {
        VerificationRequested request = missedCall(newNumber(), did, Duration.ofSeconds(3));
        publish(topics.verificationRequested(), request);
        assertThat(awaitResult(request.verificationId()).status()).isEqualTo(VerificationStatus.EXPIRED);
        double outside = callsCounted("outside_window");

        publish(topics.callEvents(), inboundCall(request.phoneNumber(), did));

        await().atMost(BOUND).until(() -> callsCounted("outside_window") > outside);
        assertThat(statusOf(request.verificationId())).isEqualTo("EXPIRED");
        assertThat(resultsFor(request.verificationId())).singleElement()
                .satisfies(result -> assertThat(result.status()).isEqualTo(VerificationStatus.EXPIRED));
        assertNeverDialed(request);
    }

    @Test
    void theSameCallReportedTwiceAndASecondCallChangeNothing() throws SQLException {
        VerificationRequested request = missedCall(newNumber(), did, Duration.ofMinutes(5));
        publish(topics.verificationRequested(), request);
        await().atMost(BOUND).until(() -> "PENDING".equals(statusOf(request.verificationId())));
        CallEvent call = inboundCall(request.phoneNumber(), did);
        publish(topics.callEvents(), call);
        awaitResult(request.verificationId());
        double alreadyComplete = callsCounted("already_complete");

        publish(topics.callEvents(), call);
        publish(topics.callEvents(), inboundCall(request.phoneNumber(), did));

        await().atMost(BOUND).until(() -> callsCounted("already_complete") > alreadyComplete);
        assertThat(callsCounted("already_complete")).isEqualTo(alreadyComplete + 1); // the redelivery is not a call
        assertThat(resultsFor(request.verificationId())).singleElement()
                .satisfies(result -> assertThat(result.status()).isEqualTo(VerificationStatus.VERIFIED));
        assertThat(count("SELECT COUNT(*) FROM inbound_calls WHERE caller_number = ?", request.phoneNumber()))
                .isEqualTo(2);
        assertNeverDialed(request);
    }

    @Test
    void aCallThatOvertakesItsRequestStillVerifiesIt() throws SQLException {
        VerificationRequested request = missedCall(newNumber(), did, Duration.ofMinutes(5));
        double noVerification = callsCounted("no_verification");
        publish(topics.callEvents(), inboundCall(request.phoneNumber(), did));
        await().atMost(BOUND).until(() -> callsCounted("no_verification") > noVerification);

        publish(topics.verificationRequested(), request);

        assertThat(awaitResult(request.verificationId()).status()).isEqualTo(VerificationStatus.VERIFIED);
        assertThat(callsCounted("verified_before_request")).isPositive();
        assertNeverDialed(request);
    }

    @Test
    void aMissedCallWithoutADialInNumberFailsAtOnce() throws SQLException {
        VerificationRequested request = missedCall(newNumber(), null, Duration.ofMinutes(5));
        publish(topics.verificationRequested(), request);

        VerificationCompleted result = awaitResult(request.verificationId());
        assertThat(result.status()).isEqualTo(VerificationStatus.FAILED);
        assertNeverDialed(request);
    }

    private void assertNeverDialed(VerificationRequested request) throws SQLException {
        drain();
        assertThat(dialCommands).noneMatch(command -> command.phoneNumber().equals(request.phoneNumber()));
        assertThat(count("SELECT COUNT(*) FROM attempts WHERE verification_id = ?", request.verificationId())).isZero();
    }

    private String newNumber() {
        return String.format("+4477008%05d", numbers.incrementAndGet());
    }

    private VerificationRequested missedCall(String phoneNumber, String dialIn, Duration ttl) {
        Instant now = Instant.now();
        return new VerificationRequested(UUID.randomUUID().toString(), now, "v-" + UUID.randomUUID(), "client-it",
                phoneNumber, VerificationMethod.MISSED_CALL, "order-1", null, now.plus(ttl), dialIn, Map.of());
    }

    /** As the dialer adapter reports a call to one of its DIDs: keyed by the caller's number, no attempt. */
    private CallEvent inboundCall(String caller, String toDid) {
        return new CallEvent("inbound:" + UUID.randomUUID(), Instant.now(), CallEventType.INBOUND_CALL,
                new CallLeg(null, null, caller, null, fleet.servers().getFirst().id()), null, null, toDid);
    }

    private double callsCounted(String outcome) {
        Counter counter = scheduler.getBean(MeterRegistry.class).find(MatchingMissedCalls.CALLS_METRIC)
                .tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    private void publish(String topic, CodacEvent event) {
        try {
            producer.send(new ProducerRecord<>(topic, event.key(), codec.encode(event))).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish to " + topic, e);
        }
    }

    private VerificationCompleted awaitResult(String verificationId) {
        await().atMost(BOUND).until(() -> !resultsFor(verificationId).isEmpty());
        return resultsFor(verificationId).getFirst();
    }

    private List<VerificationCompleted> resultsFor(String verificationId) {
        drain();
        return results.stream().filter(result -> result.verificationId().equals(verificationId)).toList();
    }

    /** Reads whatever arrived; only the test thread touches the consumer. */
    private synchronized void drain() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
            if (record.topic().equals(topics.dialCommands())) {
                dialCommands.add(codec.decode(record.value(), DialCommand.class));
            } else {
                results.add(codec.decode(record.value(), VerificationCompleted.class));
            }
        }
    }

    private String statusOf(String verificationId) throws SQLException {
        return TestClients.queryOne(db, "SELECT status FROM verifications WHERE id = ?", verificationId).orElse(null);
    }

    private int count(String sql, String parameter) throws SQLException {
        return Integer.parseInt(TestClients.queryOne(db, sql, parameter).orElseThrow());
    }
}
