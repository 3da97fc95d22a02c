package io.codac.reporting.route;

import io.codac.contracts.phone.DestinationOperators;
import io.codac.contracts.domain.OutcomeClassifier;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.json.EventCodec;
import io.codac.reporting.route.domain.Route;
import io.codac.reporting.route.domain.RouteHealth;
import io.codac.reporting.route.domain.RouteMonitor;
import io.codac.reporting.route.domain.RouteOutcome;
import io.codac.reporting.route.domain.RoutePolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static io.codac.support.sql.SqlValues.utc;

/**
 * Feeds ended calls into one {@link RouteMonitor} per route and acts on its transitions: a row in
 * {@code route_alerts} (raised, then closed on recovery), a log line, and the metrics
 * {@code codac.reporting.route.connection.rate}, {@code .baseline.rate}, {@code .degraded} per route and
 * {@code codac.reporting.route.alerts} per transition. The windows live in memory: after a restart a
 * route is judged again once its baseline has refilled (the consumer group resumes at its committed
 * offset, so a short restart loses little history; the alerts table keeps every past alert).
 */
class RouteWatch {

    private static final Logger log = LoggerFactory.getLogger(RouteWatch.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final EventCodec codec;
    private final DestinationOperators operators;
    private final OutcomeClassifier classifier = new OutcomeClassifier();
    private final RoutePolicy policy;
    private final DatabaseClient db;
    private final MeterRegistry meters;
    private final Map<Route, RouteMonitor> monitors = new ConcurrentHashMap<>();

    RouteWatch(EventCodec codec, DestinationOperators operators, RoutePolicy policy, DatabaseClient db, MeterRegistry meters) {
        this.codec = codec;
        this.operators = operators;
        this.policy = policy;
        this.db = db;
        this.meters = meters;
    }

    @KafkaListener(id = "reporting-route-watch", topics = "#{@codacTopics.callEvents()}",
            groupId = "#{@codacTopics.group('reporting-routes')}")
    void onCallEvent(ConsumerRecord<String, String> record) {
        var event = codec.decode(record.value(), CallEvent.class);
        if (event.type() != CallEventType.ENDED || event.signal() == null) {
            return;
        }
        var connected = RouteOutcome.connected(classifier.classify(event.signal()));
        if (connected.isEmpty()) {
            return;
        }
        Route route = new Route(event.leg().trunkId(), operators.operatorOf(event.leg().phoneNumber()));
        Instant at = event.occurredAt() != null ? event.occurredAt() : Instant.now();
        RouteMonitor monitor = monitors.computeIfAbsent(route, this::newMonitor);
        RouteHealth health;
        RouteMonitor.Transition transition;
        synchronized (monitor) {
            transition = monitor.record(at, connected.get()).orElse(null);
            health = monitor.health();
        }
        if (transition != null) {
            act(transition, health, at);
        }
    }

    private void act(RouteMonitor.Transition transition, RouteHealth health, Instant at) {
        Route route = health.route();
        Counter.builder("codac.reporting.route.alerts").tag("transition", transition.name())
                .tag("trunk", route.trunkId()).tag("operator", route.operator()).register(meters).increment();
        if (transition == RouteMonitor.Transition.DEGRADED) {
            log.warn("route {} → {} degraded: {} connected over the last {} ({} calls), baseline {}",
                    route.trunkId(), route.operator(), percent(health.windowRate()), policy.window(),
                    health.windowCalls(), percent(health.baselineRate()));
            db.sql("""
                            INSERT INTO route_alerts (trunk_id, operator, raised_at, window_rate, baseline_rate, window_calls)
                            VALUES (:trunk, :operator, :at, :rate, :baseline, :calls)
                            """)
                    .bind("trunk", route.trunkId()).bind("operator", route.operator()).bind("at", utc(at))
                    .bind("rate", health.windowRate()).bind("baseline", health.baselineRate())
                    .bind("calls", health.windowCalls()).fetch().rowsUpdated().block(TIMEOUT);
        } else {
            log.info("route {} → {} recovered: {} connected, baseline {}", route.trunkId(), route.operator(),
                    percent(health.windowRate()), percent(health.baselineRate()));
            db.sql("""
                            UPDATE route_alerts SET recovered_at = :at, recovered_rate = :rate
                            WHERE trunk_id = :trunk AND operator = :operator AND recovered_at IS NULL
                            """)
                    .bind("at", utc(at)).bind("rate", health.windowRate()).bind("trunk", route.trunkId())
                    .bind("operator", route.operator()).fetch().rowsUpdated().block(TIMEOUT);
        }
    }

    private RouteMonitor newMonitor(Route route) {
        var monitor = new RouteMonitor(route, policy);
        Tags tags = Tags.of("trunk", route.trunkId(), "operator", route.operator());
        Gauge.builder("codac.reporting.route.connection.rate", monitor, m -> figure(m).windowRate())
                .description("Share of calls the route connected, over the sliding window").tags(tags).register(meters);
        Gauge.builder("codac.reporting.route.baseline.rate", monitor, m -> figure(m).baselineRate())
                .description("The route's own baseline connection rate").tags(tags).register(meters);
        Gauge.builder("codac.reporting.route.degraded", monitor, m -> m.degraded() ? 1 : 0)
                .description("1 while the route is degraded against its baseline").tags(tags).register(meters);
        return monitor;
    }

    private static RouteHealth figure(RouteMonitor monitor) {
        synchronized (monitor) {
            return monitor.health();
        }
    }

    /** Every route's current figures, degraded routes first. */
    List<RouteHealth> routes() {
        return monitors.values().stream().map(RouteWatch::figure)
                .sorted(Comparator.comparing((RouteHealth h) -> !h.degraded())
                        .thenComparing(h -> h.route().trunkId()).thenComparing(h -> h.route().operator()))
                .toList();
    }

    /** Alert history, newest first. */
    Flux<Map<String, Object>> alerts(int limit) {
        return db.sql("""
                        SELECT trunk_id, operator, raised_at, recovered_at, window_rate, baseline_rate, window_calls, recovered_rate
                        FROM route_alerts ORDER BY raised_at DESC LIMIT %d
                        """.formatted(Math.max(1, Math.min(limit, 1000))))
                .fetch().all();
    }

    private static String percent(double rate) {
        return Double.isNaN(rate) ? "-" : Math.round(rate * 100) + " %";
    }
}
