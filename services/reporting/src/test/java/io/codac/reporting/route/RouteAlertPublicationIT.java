package io.codac.reporting.route;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.event.RouteAlertEvent;
import io.codac.contracts.event.RouteAlertState;
import io.codac.contracts.topic.Topics;
import io.codac.reporting.ReportingApplication;
import io.codac.testsupport.Database;
import io.codac.testsupport.FreePorts;
import io.codac.testsupport.Infrastructure;
import io.codac.testsupport.ServiceProperties;
import io.codac.testsupport.TestFleets;
import io.codac.testsupport.TestNamespace;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.codac.reporting.route.RouteWatchFixture.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The alert event is owed from the moment the transition is written: a publication the broker never
 * acknowledged is retried, and across a restart the transition is published once — neither lost nor
 * raised a second time by a watch whose windows started empty.
 */
class RouteAlertPublicationIT {

    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

    private final Infrastructure infra = Infrastructure.shared();
    private final TestNamespace namespace = infra.newNamespace();
    private final Topics topics = namespace.topics();
    private final Database db = infra.newDatabase();
    private final Fleet fleet = TestFleets.fleet(1, 1, 10, 10);
    private final RouteWatchFixture routes = new RouteWatchFixture(infra.kafkaBootstrapServers(), topics);
    private ConfigurableApplicationContext reporting;

    @AfterEach
    void stop() {
        routes.close();
        if (reporting != null) {
            reporting.close();
        }
    }

    @Test
    void anUnpublishedTransitionIsRetriedAndARestartPublishesItOnceWithoutRaisingItAgain() throws Exception {
        infra.createTopics(topics, fleet, 3);
        // First instance: its producer reaches no broker, so no alert event is ever acknowledged.
        Map<String, Object> unreachable = new HashMap<>();
        unreachable.put("spring.kafka.producer.bootstrap-servers", "127.0.0.1:" + FreePorts.next());
        unreachable.put("spring.kafka.producer.properties.max.block.ms", "1000");
        reporting = start(unreachable);
        Instant t = routes.traffic(T0, 120, 9, 9);
        t = routes.traffic(t, 60, 2, 9);
        await().atMost(BOUND).until(() -> routes.degraded(reporting, "t-bad"));
        var meters = reporting.getBean(MeterRegistry.class);
        await().atMost(BOUND).until(() -> meters.counter("codac.reporting.route.alert.publish.failures").count() >= 2);
        assertThat(meters.get("codac.reporting.route.alert.unpublished").gauge().value()).isEqualTo(1.0);
        reporting.close();

        // Second instance, same database and consumer group: it owes the event and publishes it.
        reporting = start(Map.of());
        await().atMost(BOUND).until(() -> routes.alertEvents().size() == 1);
        assertThat(routes.alertEvents().getFirst().event().state()).isEqualTo(RouteAlertState.DEGRADED);
        // Still degraded: the resumed watch does not raise the same degradation again.
        t = routes.traffic(t, 60, 2, 9);
        routes.awaitWatched();
        assertThat(routes.degraded(reporting, "t-bad")).isTrue();
        assertThat(routes.get(reporting, "/internal/v1/routes/alerts")).hasSize(1);
        // Healed: the recovery closes the alert raised by the first instance.
        routes.traffic(t, 60, 9, 9);
        await().atMost(BOUND).until(() -> routes.alertEvents().size() >= 2);

        var events = routes.alertEvents().stream().map(RouteWatchFixture.Keyed::event).toList();
        assertThat(events).extracting(RouteAlertEvent::state)
                .containsExactly(RouteAlertState.DEGRADED, RouteAlertState.RECOVERED);
        assertThat(events).extracting(RouteAlertEvent::alertId).containsOnly(events.getFirst().alertId());
        assertThat(events).extracting(RouteAlertEvent::trunkId).containsOnly("t-bad");
        assertThat(routes.get(reporting, "/internal/v1/routes/alerts")).hasSize(1);
        assertThat(routes.get(reporting, "/internal/v1/routes/alerts").get(0).get("recovered_at").isNull()).isFalse();
    }

    private ConfigurableApplicationContext start(Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>(ServiceProperties.common(infra, namespace, TestFleets.write(fleet)));
        properties.putAll(db.springProperties("reporting"));
        properties.put("codac.reporting.routes.bucket", "1s");
        properties.put("codac.reporting.routes.window", "20s");
        properties.put("codac.reporting.routes.baseline", "120s");
        properties.put("codac.reporting.routes.publish-retry", "1s");
        properties.putAll(overrides);
        return new SpringApplicationBuilder(ReportingApplication.class).run(ServiceProperties.asArgs(properties));
    }
}
