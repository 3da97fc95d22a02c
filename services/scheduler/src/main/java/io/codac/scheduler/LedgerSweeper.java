package io.codac.scheduler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the ledger sweep on one thread, at a fixed delay. It starts before the Kafka listeners (after the
 * schema is migrated) and stops after them, so the last listener writes never race a closing sweep. It sweeps
 * nothing until the consumer group assigned this instance its partitions (their live attempts are rebuilt then).
 */
class LedgerSweeper implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LedgerSweeper.class);

    private final Runnable sweeping;
    private final Duration interval;
    private ScheduledExecutorService executor;

    /** @param sweeping one sweep (the ledger, and the operator drains when due) */
    LedgerSweeper(Runnable sweeping, Duration interval) {
        this.sweeping = sweeping;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ledger-sweep");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::sweepOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepOnce() {
        try {
            sweeping.run();
        } catch (RuntimeException e) {
            // The database may be down: the next sweep tries again; nothing is lost, it is all in the ledger.
            log.warn("ledger sweep failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    /** Before the Kafka listener containers (which start late and stop early). */
    @Override
    public int getPhase() {
        return 0;
    }
}
