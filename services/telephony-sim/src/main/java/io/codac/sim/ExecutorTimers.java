package io.codac.sim;

import io.codac.sim.domain.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The network's timers on one daemon thread: every step is a short critical section, one thread keeps up. */
final class ExecutorTimers implements Timers, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExecutorTimers.class);

    private final ScheduledThreadPoolExecutor executor;

    ExecutorTimers() {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "codac-sim-timers");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Cancellable after(Duration delay, Runnable task) {
        ScheduledFuture<?> future;
        try {
            future = executor.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("simulated network step failed", e);
                }
            }, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return () -> { }; // the simulator is closing: nothing more happens in its network
        }
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
