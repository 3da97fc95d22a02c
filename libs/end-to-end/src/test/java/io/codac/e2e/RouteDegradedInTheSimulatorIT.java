package io.codac.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.codac.contracts.domain.Trunk;
import io.codac.sim.domain.NumberFate;
import io.codac.sim.domain.RouteFault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The carrier watch end to end: shoppers' numbers of one destination operator verified through the gateway, spread
 * over the fleet's trunks; then the simulator's carrier starts failing most calls of one trunk to that operator. The
 * route must be reported degraded by reporting within 60 s of the fault, and no healthy route may be.
 * <p>
 * The watch runs with a short window (10 s of 1 s buckets, a 60 s baseline) so the test needs less than a minute of
 * traffic before the fault, and the scheduler with its round-robin baseline policy: the route-aware one would stop
 * using the failing route before the watch had the calls to judge it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteDegradedInTheSimulatorIT {

    private static final String OPERATOR = "Airtel";
    private static final int REQUESTS_PER_SECOND = 8;

    private RunningSystem system;
    private final Deque<String> numbers = new ArrayDeque<>();

    @BeforeAll
    void start() {
        system = new RunningSystem(
                Map.of("codac.reporting.routes.bucket", "1s",
                        "codac.reporting.routes.window", "10s",
                        "codac.reporting.routes.baseline", "60s",
                        "codac.reporting.routes.min-window-calls", "8",
                        "codac.reporting.routes.min-baseline-calls", "15"),
                Map.of("codac.scheduler.placement-policy", "round-robin"));
        numbers.addAll(system.sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, OPERATOR, 1_500));
    }

    @AfterAll
    void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void aRouteTheCarrierDegradesIsReportedWithinAMinuteAndNoHealthyRouteIs() {
        Trunk degraded = system.fleet.servers().getFirst().trunks().getFirst();

        // A baseline for every trunk to this operator: traffic until the watch has judged the route healthy.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(1000 / REQUESTS_PER_SECOND * 4))
                .until(() -> {
                    send(4);
                    return route(degraded.id()).map(r -> r.path("baselineCalls").asLong() >= 15
                            && r.path("windowCalls").asLong() >= 8).orElse(false);
                });
        assertThat(route(degraded.id()).orElseThrow().path("degraded").asBoolean()).isFalse();

        system.sim.faults().degradeRoute(RouteFault.networkFailures(degraded.id(), OPERATOR, 0.9));
        Instant faultAt = Instant.now();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1000 / REQUESTS_PER_SECOND * 4))
                .until(() -> {
                    send(4);
                    return route(degraded.id()).map(r -> r.path("degraded").asBoolean()).orElse(false);
                });
        Duration detected = Duration.between(faultAt, Instant.now());

        assertThat(detected).isLessThan(Duration.ofSeconds(60));
        for (JsonNode route : system.getFromReporting("/internal/v1/routes").body()) {
            if (!route.path("trunkId").asText().equals(degraded.id())) {
                assertThat(route.path("degraded").asBoolean())
                        .as("healthy route %s × %s", route.path("trunkId").asText(), route.path("operator").asText())
                        .isFalse();
            }
        }
        assertThat(system.getFromReporting("/internal/v1/routes/alerts").body())
                .as("alerts raised").hasSize(1)
                .allSatisfy(alert -> assertThat(alert.toString()).contains(degraded.id()));
    }

    private void send(int count) {
        for (int i = 0; i < count && !numbers.isEmpty(); i++) {
            var answer = system.postVerification("{\"phoneNumber\": \"" + numbers.pop() + "\"}");
            assertThat(answer.status()).as("gateway answer %s", answer.body()).isEqualTo(202);
        }
    }

    private Optional<JsonNode> route(String trunkId) {
        for (JsonNode route : system.getFromReporting("/internal/v1/routes").body()) {
            if (route.path("trunkId").asText().equals(trunkId) && route.path("operator").asText().equals(OPERATOR)) {
                return Optional.of(route);
            }
        }
        return Optional.empty();
    }
}
