package io.codac.ingest.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Runs one kind of work for many concurrent callers in batches, without waiting to fill them ("smart batching", as
 * in a database's group commit): while {@code maxInFlight} batches are running, new items queue; whenever a batch
 * ends, the items that queued meanwhile leave together as the next batch (at most {@code maxBatchSize} of them, in
 * arrival order). At low load a batch is a single item that leaves at once, so batching adds no latency; under load
 * the batches grow by themselves, and the cost of a round trip is shared by every item in it.
 *
 * <p>Each caller's future completes only when the batch that holds its item has completed, with that item's own
 * result; a batch that fails fails its own items only, with the batch's error, and the next batch runs all the same.
 * Every item is completed exactly once. {@code execution} is given the items of one batch and must answer a result
 * for each, in the same order; a wrong number of results fails the batch.
 *
 * <p>Thread-safe. The lock is held only to move items between the queue and a batch, never while work runs or
 * callers are completed; a batch's successor is started before its callers are completed, so that the callers' own
 * continuations (run on the completing thread) never delay the next batch.
 *
 * @param <I> what a caller submits (a row to insert, a key to look up)
 * @param <R> what the caller gets back for it
 */
public final class SmartBatcher<I, R> {

    /** The work for one batch: a result per item, in the items' order. */
    @FunctionalInterface
    public interface Execution<I, R> {
        CompletionStage<? extends List<? extends R>> run(List<I> batch);
    }

    private record Waiting<I, R>(I item, CompletableFuture<R> result) {
    }

    private final int maxBatchSize;
    private final int maxInFlight;
    private final Execution<I, R> execution;
    private final ArrayDeque<Waiting<I, R>> queue = new ArrayDeque<>();
    private int inFlight;

    public SmartBatcher(int maxBatchSize, int maxInFlight, Execution<I, R> execution) {
        if (maxBatchSize < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("a batch holds at least one item and at least one batch can run, was "
                    + maxBatchSize + " items, " + maxInFlight + " batches");
        }
        this.maxBatchSize = maxBatchSize;
        this.maxInFlight = maxInFlight;
        this.execution = Objects.requireNonNull(execution);
    }

    /** The item's result, once the batch that carries it has completed. */
    public CompletableFuture<R> submit(I item) {
        var waiting = new Waiting<I, R>(item, new CompletableFuture<>());
        List<Waiting<I, R>> batch;
        synchronized (this) {
            queue.add(waiting);
            batch = inFlight < maxInFlight ? takeBatch() : null;
        }
        if (batch != null) {
            run(batch);
        }
        return waiting.result();
    }

    /** Items waiting for a batch (not those in one). */
    public synchronized int queued() {
        return queue.size();
    }

    /** Called holding the lock, with room for one more batch: the next batch, now in flight, or null if none waits. */
    private List<Waiting<I, R>> takeBatch() {
        if (queue.isEmpty()) {
            return null;
        }
        var batch = new ArrayList<Waiting<I, R>>(Math.min(queue.size(), maxBatchSize));
        while (batch.size() < maxBatchSize && !queue.isEmpty()) {
            batch.add(queue.poll());
        }
        inFlight++;
        return batch;
    }

    private void run(List<Waiting<I, R>> batch) {
        CompletionStage<? extends List<? extends R>> running;
        try {
            running = Objects.requireNonNull(execution.run(batch.stream().map(Waiting::item).toList()),
                    "the batch execution returned no result");
        } catch (RuntimeException | Error refused) {
            running = CompletableFuture.failedFuture(refused);
        }
        running.whenComplete((results, failure) -> {
            List<Waiting<I, R>> next;
            synchronized (this) {
                inFlight--;
                next = takeBatch();
            }
            if (next != null) {
                run(next);
            }
            complete(batch, results, failure instanceof CompletionException wrapped && wrapped.getCause() != null
                    ? wrapped.getCause() : failure);
        });
    }

    private static <I, R> void complete(List<Waiting<I, R>> batch, List<? extends R> results, Throwable failure) {
        if (failure == null && (results == null || results.size() != batch.size())) {
            failure = new IllegalStateException("the batch execution answered " + (results == null ? "nothing"
                    : results.size() + " results") + " for " + batch.size() + " items");
        }
        for (int i = 0; i < batch.size(); i++) {
            if (failure != null) {
                batch.get(i).result().completeExceptionally(failure);
            } else {
                batch.get(i).result().complete(results.get(i));
            }
        }
    }
}
