package io.codac.reporting.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.CallLeg;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.topic.Topics;
import io.codac.reporting.ReportingApplication;
import io.codac.testsupport.Database;
import io.codac.testsupport.Infrastructure;
import io.codac.testsupport.ServiceProperties;
import io.codac.testsupport.TestFleets;
import io.codac.testsupport.TestNamespace;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The carrier watch on a real broker and MariaDB, in simulated time: call events carry their own
 * times, so a route degraded in "simulated" seconds is judged on those seconds. Route t-bad degrades
 * and heals; route t-good stays healthy and must raise nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteWatchIT {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = new ObjectMapper();
    private Topics topics;
    private ConfigurableApplicationContext reporting;
    private KafkaProducer<String, String> producer;
    private int calls;

    @BeforeAll
    void start() {
        Infrastructure infra = Infrastructure.shared();
        TestNamespace namespace = infra.newNamespace();
        topics = namespace.topics();
        Fleet fleet = TestFleets.fleet(1, 1, 10, 10);
        infra.createTopics(topics, fleet, 3);
        Database db = infra.newDatabase();
        Map<String, Object> properties = new HashMap<>(ServiceProperties.common(infra, namespace, TestFleets.write(fleet)));
        properties.putAll(db.springProperties("reporting"));
        properties.put("codac.reporting.routes.bucket", "1s");
        properties.put("codac.reporting.routes.window", "20s");
        properties.put("codac.reporting.routes.baseline", "120s");
        reporting = new SpringApplicationBuilder(ReportingApplication.class).run(ServiceProperties.asArgs(properties));
        var config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
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
    void aDegradedRouteRaisesAnAlertWithinAMinuteOfSimulatedTimeAndRecoversWhileAHealthyRouteRaisesNone() throws Exception {
        // 120 simulated seconds of baseline: both routes connect 9 calls in 10.
        Instant t = T0;
        t = traffic(t, 120, 9, 9);
        // The bad route drops to 2 in 10 for 60 simulated seconds; the good one carries on.
        t = traffic(t, 60, 2, 9);
        await().atMost(BOUND).until(() -> degraded("t-bad"));

        JsonNode alerts = get("/internal/v1/routes/alerts");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("trunk_id").asText()).isEqualTo("t-bad");
        Instant raisedAt = Instant.parse(alerts.get(0).get("raised_at").asText() + "Z");
        assertThat(raisedAt).isBefore(T0.plusSeconds(120 + 60));
        // The good route's calls are on another partition: wait until all of them were judged.
        await().atMost(BOUND).until(() -> judgedCalls("t-good") >= 2 * (20 + 120));
        assertThat(routeNamed("t-good").get("degraded").asBoolean()).isFalse();
        assertThat(reporting.getBean(MeterRegistry.class).find("codac.reporting.route.degraded")
                .tag("trunk", "t-bad").gauge().value()).isEqualTo(1.0);

        // Healed: back to 9 in 10.
        traffic(t, 60, 9, 9);
        await().atMost(BOUND).until(() -> !degraded("t-bad") && !get("/internal/v1/routes/alerts").get(0).get("recovered_at").isNull());
        assertThat(get("/internal/v1/routes/alerts")).hasSize(1);
        assertThat(reporting.getBean(MeterRegistry.class).find("codac.reporting.route.alerts")
                .tag("trunk", "t-good").counters()).isEmpty();
    }

    /** {@code seconds} of two calls a second on each route, with the given connected share out of ten. */
    private Instant traffic(Instant from, int seconds, int badConnectedOutOfTen, int goodConnectedOutOfTen) throws Exception {
        var sends = new ArrayList<Future<?>>();
        Instant t = from;
        for (int s = 0; s < seconds; s++) {
            for (int c = 0; c < 2; c++) {
                int n = calls++;
                sends.add(send(ended("t-bad", t, n % 10 < badConnectedOutOfTen)));
                sends.add(send(ended("t-good", t, n % 10 < goodConnectedOutOfTen)));
            }
            t = t.plusSeconds(1);
        }
        for (Future<?> send : sends) {
            send.get();
        }
        return t;
    }

    private CallEvent ended(String trunk, Instant at, boolean connected) {
        String attempt = "att-" + UUID.randomUUID();
        // One French mobile number per route: all of a route's calls go to one destination operator,
        // and every call of a route lands on one partition, in order.
        String number = trunk.equals("t-bad") ? "+33612345678" : "+33612345679";
        var leg = new CallLeg(attempt, "ver-" + attempt, number, trunk, "srv1");
        CallSignal signal = connected ? CallSignal.flashHangUpAfterRinging() : CallSignal.failedBeforeAlerting(34, 503);
        return new CallEvent("end-" + attempt, at, CallEventType.ENDED, leg, signal, "test", null);
    }

    private Future<?> send(CallEvent event) {
        return producer.send(new ProducerRecord<>(topics.callEvents(), event.key(), codec.encode(event)));
    }

    private boolean degraded(String trunk) throws Exception {
        JsonNode route = routeNamed(trunk);
        return route != null && route.get("degraded").asBoolean();
    }

    /** Calls in the route's window and baseline (both full once 140 simulated seconds were seen). */
    private long judgedCalls(String trunk) throws Exception {
        JsonNode route = routeNamed(trunk);
        return route == null ? 0 : route.get("windowCalls").asLong() + route.get("baselineCalls").asLong();
    }

    private JsonNode routeNamed(String trunk) throws Exception {
        for (JsonNode route : get("/internal/v1/routes")) {
            if (route.get("trunkId").asText().equals(trunk)) {
                return route;
            }
        }
        return null;
    }

    private JsonNode get(String path) throws Exception {
        var uri = URI.create("http://127.0.0.1:" + reporting.getEnvironment().getProperty("local.server.port") + path);
        var answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(uri)
                .timeout(java.time.Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return json.readTree(answer.body());
    }
}
