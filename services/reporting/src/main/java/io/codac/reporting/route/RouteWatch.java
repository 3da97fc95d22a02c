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
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Feeds ended calls into one {@link RouteMonitor} per route and acts on its transitions: a row in
 * {@code route_alerts} (raised, then closed on recovery) that the {@link RouteAlertPublisher} turns into
 * an event, a log line, and the metrics {@code codac.reporting.route.connection.rate},
 * {@code .baseline.rate}, {@code .degraded} per route and {@code codac.reporting.route.alerts} per
 * transition. The windows live in memory: after a restart a route is judged again once its baseline has
 * refilled, and a route whose alert is still open resumes degraded, so the same degradation is neither
 * raised twice nor left without its recovery.
 *
 * <p>A transition is written before the record's offset is committed. When that write fails, the
 * transition waits in memory and the record is retried (the partition pauses); the retried record is not
 * counted a second time, and the waiting transition is written first.
 */
class RouteWatch {

    private static final Logger log = LoggerFactory.getLogger(RouteWatch.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A transition decided in memory, not yet in the table. */
    private record Decided(RouteMonitor.Transition transition, RouteHealth health, String serverId, Instant at) {
    }

    private final EventCodec codec;
    private final DestinationOperators operators;
    private final OutcomeClassifier classifier = new OutcomeClassifier();
    private final RoutePolicy policy;
    private final RouteAlerts alerts;
    private final RouteAlertPublisher publisher;
    private final MeterRegistry meters;
    private final Map<Route, RouteMonitor> monitors = new ConcurrentHashMap<>();
    /** Per partition, the last offset counted in the monitors: a redelivered record was counted already. */
    private final Map<TopicPartition, Long> counted = new ConcurrentHashMap<>();
    private final Queue<Decided> unwritten = new ConcurrentLinkedQueue<>();

    RouteWatch(EventCodec codec, DestinationOperators operators, RoutePolicy policy, RouteAlerts alerts,
               RouteAlertPublisher publisher, MeterRegistry meters) {
        this.codec = codec;
        this.operators = operators;
        this.policy = policy;
        this.alerts = alerts;
        this.publisher = publisher;
        this.meters = meters;
    }

    @KafkaListener(id = "reporting-route-watch", topics = "#{@codacTopics.callEvents()}",
            groupId = "#{@codacTopics.group('reporting-routes')}")
    void onCallEvent(ConsumerRecord<String, String> record) {
        writeDecided();
        var partition = new TopicPartition(record.topic(), record.partition());
        Long last = counted.get(partition);
        if (last != null && record.offset() <= last) {
            return;
        }
        var event = codec.decode(record.value(), CallEvent.class);
        count(event);
        counted.put(partition, record.offset());
        writeDecided();
    }

    private void count(CallEvent event) {
        if (event.type() != CallEventType.ENDED || event.signal() == null) {
            return;
        }
        var connected = RouteOutcome.connected(classifier.classify(event.signal()));
        if (connected.isEmpty()) {
            return;
        }
        Route route = new Route(event.leg().trunkId(), operators.operatorOf(event.leg().phoneNumber()));
        Instant at = event.occurredAt() != null ? event.occurredAt() : Instant.now();
        RouteMonitor monitor = monitorOf(route);
        synchronized (monitor) {
            monitor.record(at, connected.get()).ifPresent(transition ->
                    unwritten.add(new Decided(transition, monitor.health(), event.leg().serverId(), at)));
        }
    }

    private RouteMonitor monitorOf(Route route) {
        RouteMonitor monitor = monitors.get(route);
        if (monitor != null) {
            return monitor;
        }
        var open = alerts.open(route).blockOptional(TIMEOUT);
        return monitors.computeIfAbsent(route, r -> newMonitor(r, open));
    }

    /** Writes the decided transitions in order; throws (and keeps them) when the database refuses. */
    private synchronized void writeDecided() {
        boolean wrote = false;
        for (Decided decided = unwritten.peek(); decided != null; decided = unwritten.peek()) {
            try {
                write(decided);
            } catch (RuntimeException e) {
                log.warn("cannot record the {} of route {} → {} (the call events wait and retry): {}",
                        decided.transition(), decided.health().route().trunkId(), decided.health().route().operator(),
                        e.toString());
                throw e;
            }
            unwritten.remove();
            wrote = true;
        }
        if (wrote) {
            publisher.wake();
        }
    }

    private void write(Decided decided) {
        RouteHealth health = decided.health();
        Route route = health.route();
        if (decided.transition() == RouteMonitor.Transition.DEGRADED) {
            alerts.raise(health, decided.serverId(), decided.at()).block(TIMEOUT);
            log.warn("route {} → {} degraded: {} connected over the last {} ({} calls), baseline {}",
                    route.trunkId(), route.operator(), percent(health.windowRate()), policy.window(),
                    health.windowCalls(), percent(health.baselineRate()));
        } else {
            alerts.recover(health, decided.serverId(), decided.at()).block(TIMEOUT);
            log.info("route {} → {} recovered: {} connected, baseline {}", route.trunkId(), route.operator(),
                    percent(health.windowRate()), percent(health.baselineRate()));
        }
        Counter.builder("codac.reporting.route.alerts").tag("transition", decided.transition().name())
                .tag("trunk", route.trunkId()).tag("operator", route.operator()).register(meters).increment();
    }

    private RouteMonitor newMonitor(Route route, Optional<RouteAlerts.OpenAlert> open) {
        var monitor = open.map(alert -> RouteMonitor.resumingAlert(route, policy, alert.baselineRate()))
                .orElseGet(() -> new RouteMonitor(route, policy));
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
        return alerts.history(limit);
    }

    private static String percent(double rate) {
        return Double.isNaN(rate) ? "-" : Math.round(rate * 100) + " %";
    }
}
