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
 * Runs a round of independent pieces of ledger work on a few threads and returns when all are done: placements of
 * waiting verifications, or the call events of different numbers. Each waits on the database (its transaction's
 * commit), so one thread would cap the fleet at a few dozen calls a second. They are independent — the ledger's
 * optimistic writes and its one-live-attempt-per-number rule hold whichever thread writes — so they may run in any
 * order.
 */
public final class ParallelWork implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ParallelWork.class);

    private final ExecutorService threads;
    private final int parallelism;

    public ParallelWork(int parallelism) {
        this(parallelism, "placement");
    }

    /** @param threadName the threads' name, numbered */
    public ParallelWork(int parallelism, String threadName) {
        if (parallelism < 1) {
            throw new IllegalArgumentException(threadName + " parallelism must be at least 1, was " + parallelism);
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

    public <T> void runAll(List<T> pieces, Consumer<T> work) {
        if (parallelism == 1 || pieces.size() == 1) {
            pieces.forEach(work);
            return;
        }
        List<Future<?>> running = new ArrayList<>(pieces.size());
        for (T next : pieces) {
            running.add(threads.submit(() -> work.accept(next)));
        }
        for (Future<?> piece : running) {
            try {
                piece.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // Each piece guards itself; anything left is logged, its rows stay as they are in the ledger.
                log.warn("a piece of parallel ledger work failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
