package io.codac.reporting.route;

import io.codac.contracts.event.RouteAlertEvent;
import io.codac.contracts.topic.Topics;
import io.codac.support.EventPublisher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes the alert transitions written to {@code route_alerts} on {@code codac.fleet.route-alerts.v1}:
 * at once when the watch wakes it, and every {@code retryEvery} for whatever a failure left behind. One
 * thread publishes, in the table's order, waiting for the broker's acknowledgement (acks=all) of each
 * event before marking it and sending the next, so a route's degradation always precedes its recovery;
 * a failure stops the round and the next one resumes at the same event. A crash between the
 * acknowledgement and the mark republishes that event once, with the same event id.
 */
class RouteAlertPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RouteAlertPublisher.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int BATCH = 100;

    private final RouteAlerts alerts;
    private final EventPublisher publisher;
    private final Topics topics;
    private final Duration retryEvery;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Counter failures;
    private final AtomicInteger unpublished = new AtomicInteger();
    private final AtomicBoolean roundQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService thread;

    RouteAlertPublisher(RouteAlerts alerts, EventPublisher publisher, Topics topics, Duration retryEvery, Clock clock,
                        MeterRegistry meters) {
        this.alerts = alerts;
        this.publisher = publisher;
        this.topics = topics;
        this.retryEvery = retryEvery;
        this.clock = clock;
        this.meters = meters;
        this.failures = Counter.builder("codac.reporting.route.alert.publish.failures")
                .description("Rounds of route alert events stopped by a failed publication (retried)").register(meters);
        Gauge.builder("codac.reporting.route.alert.unpublished", unpublished, AtomicInteger::get)
                .description("Route alert transitions written but not yet acknowledged by the broker").register(meters);
    }

    /** Publishes what is pending now; a no-op while a round is already queued (it will see the new rows). */
    void wake() {
        ScheduledExecutorService t = thread;
        if (t == null || !roundQueued.compareAndSet(false, true)) {
            return; // not running: the first round after the next start finds the rows
        }
        try {
            t.execute(this::round);
        } catch (RejectedExecutionException stopping) {
            roundQueued.set(false);
        }
    }

    private void round() {
        roundQueued.set(false);
        try {
            List<RouteAlertEvent> pending;
            do {
                pending = alerts.unpublished(BATCH).block(TIMEOUT);
                unpublished.set(pending == null ? 0 : pending.size());
                for (RouteAlertEvent event : pending == null ? List.<RouteAlertEvent>of() : pending) {
                    publisher.publish(topics.routeAlerts(), event).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    alerts.published(event, clock.instant()).block(TIMEOUT);
                    unpublished.decrementAndGet();
                    Counter.builder("codac.reporting.route.alert.events").tag("state", event.state().name())
                            .description("Route alert events acknowledged by the broker").register(meters).increment();
                    log.info("route alert {} published: {} {} → {}", event.eventId(), event.state(), event.trunkId(),
                            event.operator());
                }
            } while (pending != null && pending.size() == BATCH);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failures.increment();
            log.warn("cannot publish route alert events (retried in {}): {}", retryEvery, e.toString());
        }
    }

    @Override
    public void start() {
        thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("route-alert-publisher").factory());
        long every = retryEvery.toMillis();
        thread.scheduleWithFixedDelay(this::round, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Lets a round in progress finish its event: stopping between the ack and the mark would republish it. */
    @Override
    public void stop() {
        ScheduledExecutorService t = thread;
        thread = null;
        if (t != null) {
            t.close();
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Stops before the R2DBC pool and the Kafka producer it depends on are closed. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE + 1000;
    }
}
