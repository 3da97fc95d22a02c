package io.codac.adapter.dialing;

import io.codac.adapter.call.domain.AriSignal;
import io.codac.adapter.reconcile.domain.OpenAttempt;
import io.codac.adapter.reconcile.domain.Reconciliation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reconciles with the server each time its event stream (re)connects — at start-up and after a drop: while
 * nobody listened, calls may have ended (their events are lost) and a previous process may have left calls
 * ringing. {@link Reconciliation} decides; this class gathers its inputs in the order it requires and acts:
 * adopted channels are followed to their end by {@link LiveCalls}, lost attempts are reported ended through
 * the {@link CallEventOutbox} (their open record is dropped once the broker has that), vanished legs are told
 * so. Nothing here ever originates. Runs on a thread of its own, one reconciliation at a time; a request
 * arriving during one runs once more after it.
 */
public final class Reconciler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final String serverId;
    private final Switchboard switchboard;
    private final OpenAttempts openAttempts;
    private final LiveCalls liveCalls;
    private final CallEventOutbox events;
    private final Clock clock;
    private final MeterRegistry registry;
    private final ExecutorService thread;
    private final AtomicBoolean requested = new AtomicBoolean();

    public Reconciler(String serverId, Switchboard switchboard, OpenAttempts openAttempts, LiveCalls liveCalls,
                      CallEventOutbox events, Clock clock, MeterRegistry registry) {
        this.serverId = serverId;
        this.switchboard = switchboard;
        this.openAttempts = openAttempts;
        this.liveCalls = liveCalls;
        this.events = events;
        this.clock = clock;
        this.registry = registry;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "reconcile-" + serverId);
            t.setDaemon(true);
            return t;
        });
    }

    /** Asks for a reconciliation soon; safe from any thread, including an event loop. */
    public void request() {
        if (requested.compareAndSet(false, true)) {
            try {
                thread.execute(() -> {
                    requested.set(false);
                    reconcile();
                });
            } catch (RejectedExecutionException stopping) {
                requested.set(false);
            }
        }
    }

    /** One reconciliation, now, on the caller's thread; returns the decisions acted on (empty if the server did not answer). */
    public List<Reconciliation.Decision> reconcile() {
        try {
            Set<String> followedBefore = liveCalls.followed();
            Optional<Map<String, String>> live = switchboard.liveChannels();
            if (live.isEmpty()) {
                log.warn("server {}: reconciliation skipped, the server did not list its channels; the next "
                        + "reconnection retries it", serverId);
                return List.of();
            }
            Collection<OpenAttempt> open = openAttempts.all();
            Set<String> followedNow = liveCalls.followed();
            List<Reconciliation.Decision> decisions =
                    Reconciliation.decide(open, live.get(), followedBefore, followedNow);
            decisions.forEach(this::act);
            if (!decisions.isEmpty()) {
                log.info("server {}: reconciled {} attempt(s): {}", serverId, decisions.size(), decisions.stream()
                        .map(d -> d.getClass().getSimpleName() + " " + d.attemptId()).toList());
            }
            return decisions;
        } catch (RuntimeException e) {
            log.warn("server {}: reconciliation failed: {}", serverId, e.toString());
            return List.of();
        }
    }

    private void act(Reconciliation.Decision decision) {
        switch (decision) {
            case Reconciliation.Adopt adopt -> liveCalls.adopt(adopt.attempt(), adopt.channelState());
            case Reconciliation.ReportLost lost -> events.publish(Reconciliation.lostReport(lost.attempt(), clock.instant()));
            case Reconciliation.Vanished vanished -> liveCalls.signal(vanished.attemptId(), new AriSignal.ChannelVanished());
        }
        Counter.builder("codac.adapter.reconciliations")
                .description("attempts adopted, reported lost or found vanished when reconciling with the server")
                .tags("server", serverId, "decision", decision.getClass().getSimpleName())
                .register(registry).increment();
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
