package io.codac.reporting.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.domain.VerificationStatus;
import io.codac.contracts.event.AttemptSummary;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks on a real broker and a real MariaDB, to a real HTTP receiver on loopback that verifies each
 * delivery with the documented algorithm ({@link ReceiverExample}) and dedupes by event id. Retry
 * delays are shortened by configuration; the rules behind them are unit-tested.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebhookDeliveryIT {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String CLIENT = "client-webhooks";
    private static final String SECRET = "whsec_" + UUID.randomUUID();

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger numbers = new AtomicInteger();
    private Topics topics;
    private Database db;
    private Map<String, Object> properties;
    private ConfigurableApplicationContext reporting;
    private KafkaProducer<String, String> producer;

    private HttpServer receiver;
    private final AtomicBoolean failing = new AtomicBoolean();
    private final Map<String, AtomicInteger> posts = new ConcurrentHashMap<>();
    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final AtomicInteger badSignatures = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        Infrastructure infra = Infrastructure.shared();
        TestNamespace namespace = infra.newNamespace();
        topics = namespace.topics();
        Fleet fleet = TestFleets.fleet(1, 1, 10, 10);
        infra.createTopics(topics, fleet, 3);
        db = infra.newDatabase();
        createClient();
        startReceiver();

        properties = new HashMap<>(ServiceProperties.common(infra, namespace, TestFleets.write(fleet)));
        properties.putAll(db.springProperties("reporting"));
        properties.put("codac.reporting.allow-insecure-callbacks", "true");
        properties.put("codac.reporting.webhooks.initial-delay", "100ms");
        properties.put("codac.reporting.webhooks.max-delay", "400ms");
        properties.put("codac.reporting.webhooks.poll-interval", "100ms");
        properties.put("codac.reporting.webhooks.lease", "3s");
        properties.put("codac.reporting.webhooks.request-timeout", "2s");
        properties.put("codac.reporting.webhooks.breaker-open-for", "300ms");
        reporting = startReporting();

        var config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    void stop() {
        if (producer != null) {
            producer.close();
        }
        if (reporting != null) {
            reporting.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @BeforeEach
    void healthyReceiver() {
        failing.set(false);
    }

    @Test
    void aHealthyReceiverGetsEachWebhookOnceSignedAndTheLogShowsIt() throws Exception {
        var inOrder = new Verification();
        var resultFirst = new Verification();
        publish(inOrder.requested());
        publish(inOrder.completed());
        publish(resultFirst.completed());
        publish(resultFirst.requested());

        await().atMost(BOUND).until(() -> handled.containsAll(List.of(inOrder.eventId(), resultFirst.eventId())));
        assertThat(posts.get(inOrder.eventId())).hasValue(1);
        assertThat(posts.get(resultFirst.eventId())).hasValue(1);
        assertThat(badSignatures).hasValue(0);

        JsonNode log = deliveryLog(inOrder.id);
        JsonNode delivery = log.get("deliveries").get(0);
        assertThat(delivery.get("eventId").asText()).isEqualTo(inOrder.eventId());
        assertThat(delivery.get("state").asText()).isEqualTo("DELIVERED");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
        assertThat(delivery.get("log").get(0).get("httpStatus").asInt()).isEqualTo(204);
    }

    @Test
    void aReceiverFailingForAWhileThenRecoveringGetsEveryEventExactlyOnceAfterDedupe() throws Exception {
        failing.set(true);
        List<Verification> batch = IntStream.range(0, 4).mapToObj(i -> new Verification()).toList();
        batch.forEach(v -> {
            publish(v.requested());
            publish(v.completed());
        });
        // Every delivery has been refused at least twice: retries are running.
        await().atMost(BOUND).until(() -> batch.stream().allMatch(v -> posted(v) >= 2));

        failing.set(false);

        await().atMost(BOUND).until(() -> handled.containsAll(batch.stream().map(Verification::eventId).toList()));
        for (Verification v : batch) {
            assertThat(handled.stream().filter(v.eventId()::equals)).hasSize(1);
            JsonNode delivery = deliveryLog(v.id).get("deliveries").get(0);
            assertThat(delivery.get("state").asText()).isEqualTo("DELIVERED");
            assertThat(delivery.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
        }
        assertThat(badSignatures).hasValue(0);
    }

    @Test
    void reportingRestartedInTheMiddleOfRetriesLosesNone() {
        failing.set(true);
        List<Verification> batch = IntStream.range(0, 4).mapToObj(i -> new Verification()).toList();
        batch.forEach(v -> {
            publish(v.requested());
            publish(v.completed());
        });
        await().atMost(BOUND).until(() -> batch.stream().allMatch(v -> posted(v) >= 1));

        reporting.close();
        failing.set(false);
        reporting = startReporting();

        await().atMost(BOUND).until(() -> handled.containsAll(batch.stream().map(Verification::eventId).toList()));
        for (Verification v : batch) {
            assertThat(handled.stream().filter(v.eventId()::equals)).hasSize(1);
        }
        assertThat(badSignatures).hasValue(0);
    }

    @Test
    void anOperatorRedeliverySendsTheSameEventAgainWhichTheReceiverDedupes() throws Exception {
        var v = new Verification();
        publish(v.requested());
        publish(v.completed());
        await().atMost(BOUND).until(() -> handled.contains(v.eventId()));

        var answer = http.send(HttpRequest.newBuilder(api("/internal/v1/verifications/" + v.id + "/deliveries/redeliver"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(202);

        await().atMost(BOUND).until(() -> posted(v) == 2);
        await().atMost(BOUND).until(() -> deliveryLog(v.id).get("deliveries").get(0).get("log").size() == 2);
        assertThat(handled.stream().filter(v.eventId()::equals)).hasSize(1);
        assertThat(deliveryLog(v.id).get("deliveries").get(0).get("state").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void aPlainHttpCallbackOffLoopbackIsRefusedAndLoggedNotSent() throws Exception {
        var v = new Verification("http://shop.example/hooks/codac");
        publish(v.requested());
        publish(v.completed());

        await().atMost(BOUND).until(() -> deliveryStatus(v.id) == 200);
        JsonNode delivery = deliveryLog(v.id).get("deliveries").get(0);
        assertThat(delivery.get("state").asText()).isEqualTo("REJECTED");
        assertThat(delivery.get("lastError").asText()).contains("loopback");
        assertThat(delivery.get("log")).isEmpty();
    }

    @Test
    void aVerificationWithoutCallbackHasNoDeliveries() throws Exception {
        var v = new Verification(null);
        publish(v.requested());
        publish(v.completed());
        var marker = new Verification();
        publish(marker.requested());
        publish(marker.completed());
        await().atMost(BOUND).until(() -> handled.contains(marker.eventId()));

        assertThat(deliveryStatus(v.id)).isEqualTo(404);
    }

    // --- the receiver: the documented algorithm, on the JDK's HTTP server ---

    private void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        receiver.createContext("/hooks/codac", this::receive);
        receiver.start();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String eventId = exchange.getRequestHeaders().getFirst("X-Codac-Event-Id");
            String signature = exchange.getRequestHeaders().getFirst("X-Codac-Signature");
            posts.computeIfAbsent(String.valueOf(eventId), id -> new AtomicInteger()).incrementAndGet();
            if (failing.get()) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            boolean valid;
            try {
                valid = ReceiverExample.verify(SECRET, signature, body, Instant.now().getEpochSecond())
                        && json.readTree(body).get("eventId").asText().equals(eventId);
            } catch (Exception e) {
                valid = false;
            }
            if (!valid) {
                badSignatures.incrementAndGet();
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            if (ReceiverExample.firstTime(eventId)) {
                handled.add(eventId);
            }
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private int posted(Verification v) {
        AtomicInteger count = posts.get(v.eventId());
        return count == null ? 0 : count.get();
    }

    // --- reporting, Kafka, the database ---

    private ConfigurableApplicationContext startReporting() {
        return new SpringApplicationBuilder(ReportingApplication.class).run(ServiceProperties.asArgs(properties));
    }

    private URI api(String path) {
        return URI.create("http://127.0.0.1:" + reporting.getEnvironment().getProperty("local.server.port") + path);
    }

    private int deliveryStatus(String verificationId) throws Exception {
        return http.send(HttpRequest.newBuilder(api("/internal/v1/verifications/" + verificationId + "/deliveries")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private JsonNode deliveryLog(String verificationId) throws Exception {
        var answer = http.send(HttpRequest.newBuilder(api("/internal/v1/verifications/" + verificationId + "/deliveries")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    /** Ingest's clients table as ingest creates it (reporting only reads it, ADR 0004). */
    private void createClient() throws SQLException {
        try (var connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
             var statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS clients (
                      client_id VARCHAR(64) NOT NULL PRIMARY KEY, name VARCHAR(100) NOT NULL,
                      webhook_secret VARCHAR(128) NOT NULL, created_at DATETIME(3) NOT NULL)
                    """);
            statement.execute("INSERT INTO clients VALUES ('" + CLIENT + "', 'Webhooks test', '" + SECRET + "', NOW(3))");
        }
    }

    private void publish(CodacEvent event) {
        String topic = event instanceof VerificationRequested ? topics.verificationRequested() : topics.verificationResults();
        try {
            producer.send(new ProducerRecord<>(topic, event.key(), codec.encode(event))).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + event, e);
        }
    }

    private final class Verification {
        final String id = "ver-" + UUID.randomUUID();
        final String phone = "+3361299" + String.format("%04d", numbers.incrementAndGet());
        final String callbackUrl;
        final Instant t0 = Instant.now();

        Verification() {
            this("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/codac");
        }

        Verification(String callbackUrl) {
            this.callbackUrl = callbackUrl;
        }

        String eventId() {
            return "whk-" + id;
        }

        VerificationRequested requested() {
            return new VerificationRequested("req-" + id, t0, id, CLIENT, phone, VerificationMethod.FLASH_CALL,
                    "order-" + id, callbackUrl, t0.plusSeconds(300), null, Map.of());
        }

        VerificationCompleted completed() {
            String attemptId = "att-" + id;
            var attempt = new AttemptSummary(attemptId, 1, "srv1-t1", "srv1", t0, t0.plusSeconds(2),
                    OutcomeClass.VERIFIED, 16, true);
            return new VerificationCompleted("res-" + id, t0.plusSeconds(3), id, CLIENT, phone,
                    VerificationStatus.VERIFIED, "rang", t0, List.of(attempt));
        }
    }

}
