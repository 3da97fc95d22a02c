package io.codac.scheduler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one piece of the scheduler's own work — the ledger sweep, the placement from the waiting line, the purge of
 * old inbound calls — on its own
 * thread, at a fixed delay. It starts before the Kafka listeners (after the schema is migrated) and stops after them,
 * so the last listener writes never race a closing run. The work itself does nothing until the consumer group
 * assigned this instance its partitions (their live attempts are rebuilt then).
 */
public class FixedDelayWork implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FixedDelayWork.class);

    private final String name;
    private final Runnable work;
    private final Duration interval;
    private ScheduledExecutorService executor;

    /**
     * @param name     the thread's name, and the work's in the log
     * @param work     one run (e.g. a sweep: the ledger, and the operator drains when due)
     * @param interval the pause between the end of one run and the start of the next
     */
    public FixedDelayWork(String name, Runnable work, Duration interval) {
        this.name = name;
        this.work = work;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        try {
            work.run();
        } catch (RuntimeException e) {
            // The database may be down: the next run tries again; nothing is lost, it is all in the ledger.
            log.warn("{} failed: {}", name, e.toString());
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
