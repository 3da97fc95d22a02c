package io.codac.adapter.telemetry;

import io.codac.adapter.dialing.Drain;
import io.codac.adapter.dialing.Switchboard;
import io.codac.adapter.dialing.Trunks;
import io.codac.contracts.event.ServerHeartbeat;
import io.codac.contracts.event.ServerState;
import io.codac.support.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Publishes a {@link ServerHeartbeat} every interval: {@code UP} while the ARI event stream is connected,
 * {@code DRAINING} while an operator drains the adapter, {@code ARI_DOWN} while the stream is down, with every trunk's live channels, CPS use and limits, and its cumulative
 * attempts, connects and route failures. Fire and forget: a lost heartbeat is replaced by the next one.
 */
public final class HeartbeatPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HeartbeatPublisher.class);

    private final String serverId;
    private final Trunks trunks;
    private final Switchboard switchboard;
    private final EventPublisher publisher;
    private final String topic;
    private final Clock clock;
    private final Duration interval;
    private final ScheduledExecutorService timer;
    private volatile boolean running;
    private final Drain drain;

    public HeartbeatPublisher(String serverId, Trunks trunks, Switchboard switchboard, EventPublisher publisher,
                              String topic, Clock clock, Duration interval) {
        this(serverId, trunks, switchboard, publisher, topic, clock, interval, new Drain());
    }

    public HeartbeatPublisher(String serverId, Trunks trunks, Switchboard switchboard, EventPublisher publisher,
                              String topic, Clock clock, Duration interval, Drain drain) {
        this.drain = drain;
        if (interval == null || interval.toMillis() <= 0) {
            throw new IllegalArgumentException("the telemetry interval must be positive, was " + interval);
        }
        this.serverId = serverId;
        this.trunks = trunks;
        this.switchboard = switchboard;
        this.publisher = publisher;
        this.topic = topic;
        this.clock = clock;
        this.interval = interval;
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "telemetry-" + serverId);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void start() {
        if (!running) {
            running = true;
            timer.scheduleAtFixedRate(this::beat, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Stops beating before the Kafka producer closes (a higher phase stops earlier). */
    @Override
    public void stop() {
        running = false;
        timer.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /** The heartbeat as of now. */
    public ServerHeartbeat heartbeat() {
        // An unreachable server is the stronger fact: a drained server that also lost ARI says ARI_DOWN.
        ServerState state = !switchboard.isConnected() ? ServerState.ARI_DOWN
                : drain.isDraining() ? ServerState.DRAINING : ServerState.UP;
        return new ServerHeartbeat(UUID.randomUUID().toString(), clock.instant(), serverId, state, trunks.usage());
    }

    private void beat() {
        try {
            publisher.publish(topic, heartbeat()).whenComplete((ok, failure) -> {
                if (failure != null) {
                    log.debug("server {}: heartbeat not published: {}", serverId, failure.getMessage());
                }
            });
        } catch (RuntimeException e) {
            // A failing beat must not cancel the schedule.
            log.warn("server {}: heartbeat failed: {}", serverId, e.getMessage());
        }
    }
}
