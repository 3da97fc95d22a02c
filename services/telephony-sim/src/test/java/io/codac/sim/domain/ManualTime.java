package io.codac.sim.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/** A clock and timers that move only when the test says so, running due tasks in time order. */
final class ManualTime extends Clock implements Timers {

    private Instant now = Instant.parse("2026-01-05T10:00:00Z");
    private long sequence;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();

    @Override
    public Instant instant() {
        return now;
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
    public Cancellable after(Duration delay, Runnable runnable) {
        var task = new Task(now.plus(delay), sequence++, runnable);
        tasks.add(task);
        return () -> task.cancelled = true;
    }

    /** Moves time forward, running every task that falls due on the way, at its own due time. */
    void advance(Duration duration) {
        Instant target = now.plus(duration);
        while (!tasks.isEmpty() && !tasks.peek().due.isAfter(target)) {
            Task task = tasks.poll();
            now = task.due;
            if (!task.cancelled) {
                task.runnable.run();
            }
        }
        now = target;
    }

    /** Runs what is due now (tasks scheduled with no delay). */
    void settle() {
        advance(Duration.ZERO);
    }

    private static final class Task implements Comparable<Task> {
        final Instant due;
        final long order;
        final Runnable runnable;
        boolean cancelled;

        Task(Instant due, long order, Runnable runnable) {
            this.due = due;
            this.order = order;
            this.runnable = runnable;
        }

        @Override
        public int compareTo(Task other) {
            int byDue = due.compareTo(other.due);
            return byDue != 0 ? byDue : Long.compare(order, other.order);
        }
    }
}
