package io.codac.reporting.partner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.VerificationStatus;
import io.codac.contracts.event.AttemptSummary;
import io.codac.contracts.event.VerificationCompleted;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.topic.Topics;
import io.codac.reporting.ReportingApplication;
import io.codac.reporting.TopicContents;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Results fanned out to partner topics and counted as usage, on a real broker and MariaDB. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartnerTopicsAndUsageIT {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final Instant DAY = Instant.parse("2026-11-20T09:00:00Z");

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = new ObjectMapper();
    private Infrastructure infra;
    private Topics topics;
    private ConfigurableApplicationContext reporting;
    private KafkaProducer<String, String> producer;

    @BeforeAll
    void start() {
        infra = Infrastructure.shared();
        TestNamespace namespace = infra.newNamespace();
        topics = namespace.topics();
        Fleet fleet = TestFleets.fleet(1, 1, 10, 10);
        infra.createTopics(topics, fleet, 3);
        Database db = infra.newDatabase();
        Map<String, Object> properties = new HashMap<>(ServiceProperties.common(infra, namespace, TestFleets.write(fleet)));
        properties.putAll(db.springProperties("reporting"));
        reporting = new SpringApplicationBuilder(ReportingApplication.class).run(ServiceProperties.asArgs(properties));
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
    }

    @Test
    void eachClientsResultsReachOnlyItsOwnTopicOnceAndItsUsageCountsEachCallOnce() throws Exception {
        String acme = "acme-" + UUID.randomUUID().toString().substring(0, 8);
        String globex = "globex-" + UUID.randomUUID().toString().substring(0, 8);
        var acme1 = result(acme, attempt(OutcomeClass.ROUTE_FAILURE), attempt(OutcomeClass.VERIFIED));
        var acme2 = result(acme, attempt(OutcomeClass.OUR_SIDE_REJECTED), attempt(OutcomeClass.INVALID));
        var globex1 = result(globex, attempt(OutcomeClass.VERIFIED));

        for (VerificationCompleted result : List.of(acme1, acme2, globex1, acme1, globex1)) { // two repeated
            producer.send(new ProducerRecord<>(topics.verificationResults(), result.key(), codec.encode(result))).get();
        }
        awaitConsumed("reporting-partners");
        awaitConsumed("reporting-usage");

        String acmeTopic = topics.namespace() + "codac.results." + acme + ".v1";
        String globexTopic = topics.namespace() + "codac.results." + globex + ".v1";
        assertThat(eventIds(acmeTopic)).containsExactlyInAnyOrder(acme1.eventId(), acme2.eventId());
        assertThat(eventIds(globexTopic)).containsExactly(globex1.eventId());

        JsonNode usage = usage(acme, "2026-11-20", "2026-11-20");
        assertThat(usage.get("billableCalls").asLong()).isEqualTo(3); // OUR_SIDE_REJECTED is not billed
        assertThat(usage.get("days").toString()).contains("\"outcome\":\"VERIFIED\",\"billableCalls\":1")
                .contains("\"outcome\":\"ROUTE_FAILURE\",\"billableCalls\":1")
                .contains("\"outcome\":\"INVALID\",\"billableCalls\":1")
                .doesNotContain("OUR_SIDE_REJECTED");
        assertThat(usage(globex, "2026-11-20", "2026-11-20").get("billableCalls").asLong()).isEqualTo(1);
        assertThat(usage(acme, "2026-11-21", "2026-11-30").get("billableCalls").asLong()).isZero();
    }

    private static AttemptSummary attempt(OutcomeClass outcome) {
        return new AttemptSummary("chan-" + UUID.randomUUID(), 1, "srv1-t1", "srv1", DAY, DAY.plusSeconds(3),
                outcome, 16, outcome == OutcomeClass.VERIFIED);
    }

    private static VerificationCompleted result(String clientId, AttemptSummary... attempts) {
        String id = "ver-" + UUID.randomUUID();
        var status = attempts[attempts.length - 1].outcome() == OutcomeClass.INVALID
                ? VerificationStatus.INVALID : VerificationStatus.VERIFIED;
        return new VerificationCompleted("res-" + id, DAY.plusSeconds(5), id, clientId, "+33612340000", status,
                "test", DAY, List.of(attempts));
    }

    private JsonNode usage(String clientId, String from, String to) throws Exception {
        var uri = URI.create("http://127.0.0.1:" + reporting.getEnvironment().getProperty("local.server.port")
                + "/internal/v1/clients/" + clientId + "/usage?from=" + from + "&to=" + to);
        var answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(uri)
                .timeout(java.time.Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    private List<String> eventIds(String topic) {
        return TopicContents.records(infra.kafkaBootstrapServers(), topic).stream()
                .map(r -> codec.decode(r.value(), VerificationCompleted.class).eventId()).toList();
    }

    private void awaitConsumed(String service) throws Exception {
        TopicContents.awaitConsumed(infra.kafkaBootstrapServers(), topics.verificationResults(), topics.group(service));
    }
}
