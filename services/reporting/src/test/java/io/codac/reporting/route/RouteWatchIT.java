package io.codac.reporting.route;

import com.fasterxml.jackson.databind.JsonNode;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.event.RouteAlertEvent;
import io.codac.contracts.event.RouteAlertState;
import io.codac.contracts.topic.Topics;
import io.codac.reporting.ReportingApplication;
import io.codac.testsupport.Database;
import io.codac.testsupport.Infrastructure;
import io.codac.testsupport.ServiceProperties;
import io.codac.testsupport.TestFleets;
import io.codac.testsupport.TestNamespace;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static io.codac.reporting.route.RouteWatchFixture.BOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The carrier watch on a real broker and MariaDB, in simulated time: call events carry their own
 * times, so a route degraded in "simulated" seconds is judged on those seconds. Route t-bad degrades
 * and heals; route t-good stays healthy and must raise nothing — no alert, no metric, no event.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteWatchIT {

    private static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    private ConfigurableApplicationContext reporting;
    private RouteWatchFixture routes;

    @BeforeAll
    void start() {
        Infrastructure infra = Infrastructure.shared();
        TestNamespace namespace = infra.newNamespace();
        Topics topics = namespace.topics();
        Fleet fleet = TestFleets.fleet(1, 1, 10, 10);
        infra.createTopics(topics, fleet, 3);
        Database db = infra.newDatabase();
        Map<String, Object> properties = new HashMap<>(ServiceProperties.common(infra, namespace, TestFleets.write(fleet)));
        properties.putAll(db.springProperties("reporting"));
        properties.put("codac.reporting.routes.bucket", "1s");
        properties.put("codac.reporting.routes.window", "20s");
        properties.put("codac.reporting.routes.baseline", "120s");
        reporting = new SpringApplicationBuilder(ReportingApplication.class).run(ServiceProperties.asArgs(properties));
        routes = new RouteWatchFixture(infra.kafkaBootstrapServers(), topics);
    }

    @AfterAll
    void stop() {
        if (routes != null) {
            routes.close();
        }
        if (reporting != null) {
            reporting.close();
        }
    }

    @Test
    void aDegradedRouteRaisesAnAlertWithinAMinuteOfSimulatedTimeAndRecoversWhileAHealthyRouteRaisesNone() throws Exception {
        // 120 simulated seconds of baseline: both routes connect 9 calls in 10.
        Instant t = T0;
        t = routes.traffic(t, 120, 9, 9);
        // The bad route drops to 2 in 10 for 60 simulated seconds; the good one carries on.
        t = routes.traffic(t, 60, 2, 9);
        await().atMost(BOUND).until(() -> routes.degraded(reporting, "t-bad"));

        JsonNode alerts = routes.get(reporting, "/internal/v1/routes/alerts");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("trunk_id").asText()).isEqualTo("t-bad");
        Instant raisedAt = Instant.parse(alerts.get(0).get("raised_at").asText() + "Z");
        assertThat(raisedAt).isBefore(T0.plusSeconds(120 + 60));
        String operator = routes.route(reporting, "t-bad").get("operator").asText();
        await().atMost(BOUND).until(() -> !routes.alertEvents().isEmpty());
        RouteWatchFixture.Keyed degraded = routes.alertEvents().getFirst();
        assertThat(degraded.key()).isEqualTo("t-bad/" + operator);
        assertThat(degraded.event()).satisfies(e -> {
            assertThat(e.state()).isEqualTo(RouteAlertState.DEGRADED);
            assertThat(e.trunkId()).isEqualTo("t-bad");
            assertThat(e.operator()).isEqualTo(operator);
            assertThat(e.serverId()).isEqualTo("srv1");
            assertThat(e.occurredAt()).isEqualTo(raisedAt);
            assertThat(e.windowRate()).isLessThan(0.7 * e.baselineRate());
            assertThat(e.baselineRate()).isCloseTo(0.9, within(0.05));
        });
        // The good route's calls are on another partition: wait until all of them were judged.
        await().atMost(BOUND).until(() -> routes.judgedCalls(reporting, "t-good") >= 2 * (20 + 120));
        assertThat(routes.route(reporting, "t-good").get("degraded").asBoolean()).isFalse();
        assertThat(reporting.getBean(MeterRegistry.class).find("codac.reporting.route.degraded")
                .tag("trunk", "t-bad").gauge().value()).isEqualTo(1.0);

        // Healed: back to 9 in 10.
        routes.traffic(t, 60, 9, 9);
        await().atMost(BOUND).until(() -> !routes.degraded(reporting, "t-bad")
                && !routes.get(reporting, "/internal/v1/routes/alerts").get(0).get("recovered_at").isNull());
        assertThat(routes.get(reporting, "/internal/v1/routes/alerts")).hasSize(1);
        assertThat(reporting.getBean(MeterRegistry.class).find("codac.reporting.route.alerts")
                .tag("trunk", "t-good").counters()).isEmpty();

        await().atMost(BOUND).until(() -> routes.alertEvents().size() >= 2);
        var events = routes.alertEvents().stream().map(RouteWatchFixture.Keyed::event).toList();
        assertThat(events).extracting(RouteAlertEvent::trunkId).containsOnly("t-bad");
        assertThat(events).extracting(RouteAlertEvent::state)
                .containsExactly(RouteAlertState.DEGRADED, RouteAlertState.RECOVERED);
        assertThat(events.get(1).alertId()).isEqualTo(events.get(0).alertId());
        assertThat(events.get(1).eventId()).isNotEqualTo(events.get(0).eventId());
        assertThat(events.get(1).windowRate()).isGreaterThanOrEqualTo(0.9 * events.get(1).baselineRate());
    }
}
