package io.codac.reporting.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.CallLeg;
import io.codac.contracts.event.RouteAlertEvent;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.topic.Topics;
import io.codac.reporting.TopicContents;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two routes in simulated time for the carrier-watch ITs: ended calls on trunks {@code t-bad} and
 * {@code t-good} (one French mobile number each, so one destination operator and one partition per
 * route), the alert events reporting published, and its route API.
 */
final class RouteWatchFixture implements AutoCloseable {

    static final Duration BOUND = Duration.ofSeconds(30);

    private final EventCodec codec = new EventCodec();
    private final ObjectMapper json = new ObjectMapper();
    private final String bootstrapServers;
    private final Topics topics;
    private final KafkaProducer<String, String> producer;
    private int calls;

    RouteWatchFixture(String bootstrapServers, Topics topics) {
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
        var config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    /** {@code seconds} of two calls a second on each route, with the given connected share out of ten. */
    Instant traffic(Instant from, int seconds, int badConnectedOutOfTen, int goodConnectedOutOfTen) throws Exception {
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
        String number = trunk.equals("t-bad") ? "+33612345678" : "+33612345679";
        var leg = new CallLeg(attempt, "ver-" + attempt, number, trunk, "srv1");
        CallSignal signal = connected ? CallSignal.flashHangUpAfterRinging() : CallSignal.failedBeforeAlerting(34, 503);
        return new CallEvent("end-" + attempt, at, CallEventType.ENDED, leg, signal, "test", null);
    }

    private Future<?> send(CallEvent event) {
        return producer.send(new ProducerRecord<>(topics.callEvents(), event.key(), codec.encode(event)));
    }

    /** Every route alert event on the topic, read from the beginning up to its current end, with its key. */
    List<Keyed> alertEvents() {
        return TopicContents.records(bootstrapServers, topics.routeAlerts()).stream()
                .map(r -> new Keyed(r.key(), codec.decode(r.value(), RouteAlertEvent.class))).toList();
    }

    /** Waits until the carrier watch's consumer group has committed every call event sent so far. */
    void awaitWatched() throws Exception {
        TopicContents.awaitConsumed(bootstrapServers, topics.callEvents(), topics.group("reporting-routes"));
    }

    /** An alert event and the Kafka key it was published under. */
    record Keyed(String key, RouteAlertEvent event) {
    }

    boolean degraded(ConfigurableApplicationContext reporting, String trunk) throws Exception {
        JsonNode route = route(reporting, trunk);
        return route != null && route.get("degraded").asBoolean();
    }

    /** Calls in the route's window and baseline. */
    long judgedCalls(ConfigurableApplicationContext reporting, String trunk) throws Exception {
        JsonNode route = route(reporting, trunk);
        return route == null ? 0 : route.get("windowCalls").asLong() + route.get("baselineCalls").asLong();
    }

    JsonNode route(ConfigurableApplicationContext reporting, String trunk) throws Exception {
        for (JsonNode route : get(reporting, "/internal/v1/routes")) {
            if (route.get("trunkId").asText().equals(trunk)) {
                return route;
            }
        }
        return null;
    }

    JsonNode get(ConfigurableApplicationContext reporting, String path) throws Exception {
        var uri = URI.create("http://127.0.0.1:" + reporting.getEnvironment().getProperty("local.server.port") + path);
        var answer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        return json.readTree(answer.body());
    }

    @Override
    public void close() {
        producer.close();
    }
}
