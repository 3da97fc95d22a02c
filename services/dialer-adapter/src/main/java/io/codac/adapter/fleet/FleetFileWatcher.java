package io.codac.adapter.fleet;

import io.codac.adapter.dialing.DialingMetrics;
import io.codac.adapter.dialing.Trunks;
import io.codac.adapter.kafka.DialCommandPartitions;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.contracts.fleet.FleetFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads the fleet file again whenever its content changes (polled; file-system events are unreliable on
 * mounted volumes): trunks new to this server get their limiters and gauges, and the dial-command partitions
 * follow the file. A file that does not load, or no longer names this server, changes nothing (and says so):
 * the adapter keeps the last good assignment. A trunk's changed contract (cps, maxChannels) and a moved ARI
 * endpoint take effect only at the next restart.
 */
public final class FleetFileWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FleetFileWatcher.class);

    private final Path file;
    private final String serverId;
    private final Trunks trunks;
    private final DialingMetrics metrics;
    private final DialCommandPartitions partitions;
    private final Duration interval;
    private ScheduledExecutorService timer;
    private volatile String lastContent;
    private volatile boolean running;

    public FleetFileWatcher(Path file, String serverId, Trunks trunks, DialingMetrics metrics,
                            DialCommandPartitions partitions, Duration interval) {
        this.file = file;
        this.serverId = serverId;
        this.trunks = trunks;
        this.metrics = metrics;
        this.partitions = partitions;
        this.interval = interval;
        this.lastContent = read();
    }

    @Override
    public synchronized void start() {
        if (!running && interval.toMillis() > 0) {
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "fleet-file-" + serverId);
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
            running = true;
        }
    }

    @Override
    public synchronized void stop() {
        if (running) {
            timer.shutdownNow();
            running = false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Reads the file and applies it if its content changed; returns whether this server's trunks changed. */
    public boolean check() {
        try {
            String content = read();
            if (content == null || content.equals(lastContent)) {
                return false;
            }
            lastContent = content;
            Fleet fleet = FleetFile.parse(content, file.toString());
            TelephonyServer server = fleet.server(serverId).orElse(null);
            if (server == null) {
                log.error("fleet file {} no longer names server {}: keeping its last trunks", file, serverId);
                return false;
            }
            List<Trunk> added = trunks.addNew(server);
            added.forEach(trunk -> metrics.trackTrunk(trunks, trunk.id()));
            boolean reassigned = partitions.reassign(server);
            log.info("fleet file {} reloaded for server {}: {} trunk(s) added, partitions {}", file, serverId,
                    added.size(), reassigned ? "reassigned" : "unchanged");
            return reassigned || !added.isEmpty();
        } catch (RuntimeException e) {
            log.error("fleet file {} not reloaded (keeping the last good one): {}", file, e.getMessage());
            return false;
        }
    }

    private String read() {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return null;
        }
    }
}
