package io.codac.adapter.dialing;

import io.codac.contracts.domain.PhoneNumberMask;
import io.codac.contracts.event.CallEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gets every call event of a live call to the broker, however long the broker is away. The command that
 * placed the call was committed long ago, so an event lost here is lost for good: the scheduler would
 * presume the attempt lost and dial a handset that already rang. So each event is retried, with the same
 * event id (consumers drop the copies) and a growing back-off, until the broker acknowledges it; the only
 * bound is the life of the process.
 *
 * <p>Order: a leg's events are sent one at a time, the next only once the previous one is acknowledged,
 * so a retried {@code DIAL_STARTED} can never land after the {@code ENDED} that followed it. Different legs
 * do not wait for each other. All the bookkeeping runs on one thread of this class.
 */
public final class CallEventOutbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CallEventOutbox.class);

    private final CallEventSink sink;
    private final DialingMetrics metrics;
    private final Duration firstBackOff;
    private final Duration maxBackOff;
    private final ScheduledExecutorService thread;
    /** Per attempt, its events not yet acknowledged, the head in flight; touched only on {@link #thread}. */
    private final Map<String, ArrayDeque<CallEvent>> queues = new HashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final Object drained = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();

    public CallEventOutbox(String serverId, CallEventSink sink, DialingMetrics metrics, Duration firstBackOff,
                           Duration maxBackOff) {
        if (firstBackOff == null || firstBackOff.isNegative() || firstBackOff.isZero() || maxBackOff == null
                || maxBackOff.compareTo(firstBackOff) < 0) {
            throw new IllegalArgumentException("back-off must be positive and first <= max, was " + firstBackOff
                    + " / " + maxBackOff);
        }
        this.sink = sink;
        this.metrics = metrics;
        this.firstBackOff = firstBackOff;
        this.maxBackOff = maxBackOff;
        var executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, "call-events-" + serverId);
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = executor;
        metrics.trackPendingCallEvents(pending::get);
    }

    private volatile java.util.function.Consumer<CallEvent> onAcknowledged = event -> {
    };

    /** Runs {@code listener} on the outbox thread for each event the broker acknowledged. */
    public void onAcknowledged(java.util.function.Consumer<CallEvent> listener) {
        this.onAcknowledged = listener;
    }

    /** Queues the event behind its leg's earlier ones; returns at once. */
    public void publish(CallEvent event) {
        pending.incrementAndGet();
        try {
            thread.execute(() -> enqueue(event));
        } catch (RejectedExecutionException stopped) {
            pending.decrementAndGet();
            log.warn("stopped: call event {} of attempt {} to {} not published", event.type(),
                    event.leg().attemptId(), PhoneNumberMask.mask(event.leg().phoneNumber()));
        }
    }

    /** Events handed in and not yet acknowledged by the broker. */
    public int pending() {
        return pending.get();
    }

    private void enqueue(CallEvent event) {
        ArrayDeque<CallEvent> queue = queues.computeIfAbsent(orderKey(event), id -> new ArrayDeque<>());
        queue.addLast(event);
        if (queue.size() == 1) {
            send(event, 1);
        }
    }

    private void send(CallEvent event, int attempt) {
        CompletableFuture<Void> sent;
        try {
            sent = sink.publish(event);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenCompleteAsync((ok, failure) -> {
            if (failure == null) {
                acknowledged(event, attempt);
            } else {
                retryLater(event, attempt, failure);
            }
        }, this::runOnThread);
    }

    private void acknowledged(CallEvent event, int attempt) {
        if (attempt > 1) {
            log.info("call event {} of attempt {} to {} published after {} tries", event.type(),
                    event.leg().attemptId(), PhoneNumberMask.mask(event.leg().phoneNumber()), attempt);
        }
        try {
            onAcknowledged.accept(event);
        } catch (RuntimeException e) {
            log.warn("after the acknowledgement of call event {} of attempt {}: {}", event.type(),
                    event.leg().attemptId(), e.toString());
        }
        String key = orderKey(event);
        ArrayDeque<CallEvent> queue = queues.get(key);
        queue.removeFirst();
        if (queue.isEmpty()) {
            queues.remove(key);
        } else {
            send(queue.peekFirst(), 1);
        }
        if (pending.decrementAndGet() == 0) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    private void retryLater(CallEvent event, int attempt, Throwable failure) {
        Duration backOff = backOff(attempt);
        metrics.callEventRetried(event.leg().trunkId() != null ? event.leg().trunkId() : "none", event.type());
        log.warn("call event {} of attempt {} to {} not acknowledged (try {}): {}; retrying in {} ms", event.type(),
                event.leg().attemptId(), PhoneNumberMask.mask(event.leg().phoneNumber()), attempt,
                rootMessage(failure), backOff.toMillis());
        try {
            thread.schedule(() -> send(event, attempt + 1), backOff.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // Closing: close() reports what is left.
        }
    }

    /** A leg's events keep their order; an inbound call (no attempt) is a sequence of its own. */
    private static String orderKey(CallEvent event) {
        return event.leg().attemptId() != null ? event.leg().attemptId() : event.eventId();
    }

    /** {@code firstBackOff} doubled per failed try, at most {@code maxBackOff}. */
    Duration backOff(int attempt) {
        int doublings = Math.min(attempt - 1, 30);
        long millis = firstBackOff.toMillis() << doublings;
        return millis <= 0 || millis > maxBackOff.toMillis() ? maxBackOff : Duration.ofMillis(millis);
    }

    private void runOnThread(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException stopped) {
            // Closing: the acknowledgement or retry no longer matters to anyone in this process.
        }
    }

    /**
     * Waits up to {@code grace} for every queued event to be acknowledged, then stops. What is still
     * unacknowledged is logged (and lost with the process, as the class comment says).
     */
    public void close(Duration grace) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (drained) {
            while (pending.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(drained, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (pending.get() > 0) {
            logUnacknowledged();
        }
        thread.shutdownNow();
    }

    private void logUnacknowledged() {
        try {
            thread.submit(() -> queues.values().forEach(queue -> log.error(
                    "stopping: call events {} of attempt {} to {} never acknowledged by the broker",
                    queue.stream().map(CallEvent::type).toList(), queue.peekFirst().leg().attemptId(),
                    PhoneNumberMask.mask(queue.peekFirst().leg().phoneNumber())))).get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.error("stopping with {} call event(s) never acknowledged by the broker", pending.get());
        }
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
