package io.codac.sim;

import io.codac.sim.domain.Timers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The network's clock and timers, running {@code speedFactor} times faster than the wall clock: scenario time
 * starts at the wall-clock instant the fleet starts and advances by {@code speedFactor} seconds per real second
 * (read from the monotonic {@link System#nanoTime()}, so it never jumps back), and a timer of {@code d} scenario
 * time fires after {@code d / speedFactor} of real time. The domain sees only scenario time, so every delay,
 * CPS window and redial window scales together.
 *
 * <p>The timers run on one daemon thread: every network step is a short critical section, one thread keeps up.
 */
final class ScenarioTime extends Clock implements Timers, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ScenarioTime.class);

    private final double speedFactor;
    private final Instant origin;
    private final long originNanos;
    private final ScheduledThreadPoolExecutor executor;

    ScenarioTime(double speedFactor) {
        this.speedFactor = speedFactor;
        this.origin = Instant.now();
        this.originNanos = System.nanoTime();
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "codac-sim-timers");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public Instant instant() {
        long elapsed = System.nanoTime() - originNanos;
        return origin.plusNanos(speedFactor == 1.0 ? elapsed : (long) (elapsed * speedFactor));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Cancellable after(Duration delay, Runnable task) {
        long realNanos = Math.max(0, (long) (delay.toNanos() / speedFactor));
        ScheduledFuture<?> future;
        try {
            future = executor.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("simulated network step failed", e);
                }
            }, realNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return () -> { }; // the simulator is closing: nothing more happens in its network
        }
        return () -> future.cancel(false);
    }

    /** Real time that {@code scenario} time takes. */
    Duration realTime(Duration scenario) {
        return Duration.ofNanos((long) (scenario.toNanos() / speedFactor));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
