package io.codac.scheduler.verification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Places a round of waiting verifications on a few threads and returns when all are done: each placement waits on
 * the database (its attempt and outbox row), so one thread would cap the fleet at a few dozen calls a second.
 * Placements of different verifications are independent — the ledger's optimistic writes and its one-live-attempt-
 * per-number rule hold whichever thread writes — so they may run in any order.
 */
public final class ParallelPlacement implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ParallelPlacement.class);

    private final ExecutorService threads;
    private final int parallelism;

    public ParallelPlacement(int parallelism) {
        this(parallelism, "placement");
    }

    /** @param threadName the threads' name, numbered */
    public ParallelPlacement(int parallelism, String threadName) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("placement parallelism must be at least 1, was " + parallelism);
        }
        this.parallelism = parallelism;
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, threadName + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.threads = Executors.newFixedThreadPool(parallelism, factory);
    }

    public <T> void placeAll(List<T> waiting, Consumer<T> place) {
        if (parallelism == 1 || waiting.size() == 1) {
            waiting.forEach(place);
            return;
        }
        List<Future<?>> running = new ArrayList<>(waiting.size());
        for (T next : waiting) {
            running.add(threads.submit(() -> place.accept(next)));
        }
        for (Future<?> placement : running) {
            try {
                placement.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // Each placement guards itself; anything left is logged, the verification stays in the ledger.
                log.warn("a placement failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
