package io.codac.ingest.domain;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmartBatcherTest {

    /** An execution the test completes by hand: every batch it was given, and the future of each. */
    private static final class HeldBatches {
        final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        final List<CompletableFuture<List<String>>> running = new CopyOnWriteArrayList<>();

        CompletableFuture<List<String>> run(List<Integer> batch) {
            batches.add(batch);
            var result = new CompletableFuture<List<String>>();
            running.add(result);
            return result;
        }

        /** Completes batch {@code index} with "r" + item for each item. */
        void succeed(int index) {
            running.get(index).complete(batches.get(index).stream().map(item -> "r" + item).toList());
        }
    }

    private final HeldBatches held = new HeldBatches();

    @Test
    void anItemAloneLeavesAtOnceAsABatchOfOne() {
        var batcher = new SmartBatcher<Integer, String>(100, 1, held::run);

        CompletableFuture<String> result = batcher.submit(1);

        assertThat(held.batches).containsExactly(List.of(1));
        assertThat(result).isNotDone();
        held.succeed(0);
        assertThat(result).isCompletedWithValue("r1");
    }

    @Test
    void itemsArrivingWhileABatchRunsLeaveTogetherInArrivalOrderWhenItEnds() {
        var batcher = new SmartBatcher<Integer, String>(100, 1, held::run);
        var first = batcher.submit(1);
        var second = batcher.submit(2);
        var third = batcher.submit(3);
        var fourth = batcher.submit(4);

        assertThat(held.batches).containsExactly(List.of(1));
        assertThat(batcher.queued()).isEqualTo(3);
        held.succeed(0);

        assertThat(held.batches).containsExactly(List.of(1), List.of(2, 3, 4));
        assertThat(batcher.queued()).isZero();
        assertThat(first).isCompletedWithValue("r1");
        assertThat(List.of(second, third, fourth)).allMatch(result -> !result.isDone());
        held.succeed(1);
        assertThat(List.of(second, third, fourth)).extracting(CompletableFuture::join)
                .containsExactly("r2", "r3", "r4");
    }

    @Test
    void eachCallerGetsTheResultAtItsOwnItemsPosition() {
        var batcher = new SmartBatcher<Integer, String>(100, 1, held::run);
        batcher.submit(0);
        var results = IntStream.rangeClosed(1, 5).mapToObj(batcher::submit).toList();
        held.succeed(0);

        held.running.get(1).complete(List.of("five", "four", "three", "two", "one"));

        assertThat(results).extracting(CompletableFuture::join).containsExactly("five", "four", "three", "two", "one");
    }

    @Test
    void aBatchHoldsAtMostTheMaximumAndTheRestWaitsForTheNext() {
        var batcher = new SmartBatcher<Integer, String>(3, 1, held::run);
        IntStream.rangeClosed(1, 8).forEach(batcher::submit);

        held.succeed(0);
        assertThat(held.batches).containsExactly(List.of(1), List.of(2, 3, 4));
        assertThat(batcher.queued()).isEqualTo(4);
        held.succeed(1);
        held.succeed(2);

        assertThat(held.batches).containsExactly(List.of(1), List.of(2, 3, 4), List.of(5, 6, 7), List.of(8));
        assertThat(batcher.queued()).isZero();
    }

    @Test
    void upToMaxInFlightBatchesRunAtOnceAndTheNextWaitsForAFreeOne() {
        var batcher = new SmartBatcher<Integer, String>(100, 2, held::run);
        batcher.submit(1);
        batcher.submit(2);
        batcher.submit(3);
        batcher.submit(4);

        assertThat(held.batches).containsExactly(List.of(1), List.of(2));
        held.succeed(1); // the second ends first: its place goes to the waiting items

        assertThat(held.batches).containsExactly(List.of(1), List.of(2), List.of(3, 4));
        batcher.submit(5);
        assertThat(held.batches).hasSize(3); // two still running
        held.succeed(0);
        assertThat(held.batches).last().isEqualTo(List.of(5));
    }

    @Test
    void aFailedBatchFailsItsOwnItemsOnlyWithItsErrorAndTheNextBatchStillRuns() {
        var batcher = new SmartBatcher<Integer, String>(100, 1, held::run);
        var first = batcher.submit(1);
        var second = batcher.submit(2);
        var third = batcher.submit(3);
        var error = new IllegalStateException("deadlock found when trying to get lock");

        held.running.get(0).completeExceptionally(error);

        assertThat(first).isCompletedExceptionally();
        assertThatThrownBy(first::join).hasCause(error);
        assertThat(held.batches).containsExactly(List.of(1), List.of(2, 3));
        held.succeed(1);
        assertThat(second).isCompletedWithValue("r2");
        assertThat(third).isCompletedWithValue("r3");
    }

    @Test
    void aFailureWrappedByAFutureStageReachesTheCallersUnwrapped() {
        var error = new IllegalStateException("connection refused");
        var batcher = new SmartBatcher<Integer, String>(100, 1,
                batch -> CompletableFuture.<List<String>>failedFuture(error).thenApply(results -> results));

        var result = batcher.submit(1);

        assertThatThrownBy(result::join).isInstanceOf(CompletionException.class).cause().isSameAs(error);
    }

    @Test
    void anExecutionThatThrowsFailsItsBatchAndFreesItsPlace() {
        var calls = new AtomicInteger();
        var batcher = new SmartBatcher<Integer, String>(100, 1, batch -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalArgumentException("cannot build the statement");
            }
            return CompletableFuture.completedFuture(batch.stream().map(item -> "r" + item).toList());
        });

        var refused = batcher.submit(1);
        var next = batcher.submit(2);

        assertThatThrownBy(refused::join).cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot build the statement");
        assertThat(next).isCompletedWithValue("r2");
    }

    @Test
    void anExecutionThatAnswersNoStageFailsItsBatch() {
        var batcher = new SmartBatcher<Integer, String>(100, 1, batch -> null);

        assertThatThrownBy(batcher.submit(1)::join).cause().isInstanceOf(NullPointerException.class)
                .hasMessageContaining("no result");
    }

    @Test
    void aWrongNumberOfResultsFailsTheWholeBatchRatherThanGuessWhoseIsWhose() {
        var batcher = new SmartBatcher<Integer, String>(100, 1, held::run);
        batcher.submit(0);
        var first = batcher.submit(1);
        var second = batcher.submit(2);
        held.succeed(0);

        held.running.get(1).complete(List.of("only one"));

        assertThatThrownBy(first::join).cause().isInstanceOf(IllegalStateException.class)
                .hasMessage("the batch execution answered 1 results for 2 items");
        assertThatThrownBy(second::join).cause().isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aNullResultListFailsTheBatch() {
        var batcher = new SmartBatcher<Integer, String>(100, 1, batch -> CompletableFuture.completedFuture(null));

        assertThatThrownBy(batcher.submit(1)::join).cause().hasMessage("the batch execution answered nothing for 1 items");
    }

    @Test
    void aCallerWhoGaveUpDoesNotDisturbTheOthersInItsBatch() {
        var batcher = new SmartBatcher<Integer, String>(100, 1, held::run);
        batcher.submit(0);
        var gaveUp = batcher.submit(1);
        var waits = batcher.submit(2);
        held.succeed(0);

        gaveUp.cancel(true);
        held.succeed(1);

        assertThat(gaveUp).isCancelled();
        assertThat(waits).isCompletedWithValue("r2");
    }

    @Test
    void nullResultsAreResultsLikeAnyOther() {
        var batcher = new SmartBatcher<Integer, String>(100, 1,
                batch -> CompletableFuture.completedFuture(Collections.nCopies(batch.size(), (String) null)));

        assertThat(batcher.submit(1)).isCompletedWithValue(null);
    }

    @Test
    void refusesBatchesThatCouldNeverRun() {
        assertThatThrownBy(() -> new SmartBatcher<Integer, String>(0, 1, held::run))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SmartBatcher<Integer, String>(1, 0, held::run))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * Many threads submitting while batches complete on other threads, some failing: every item runs in exactly one
     * batch, every caller gets its own item's answer (or its batch's failure), no batch exceeds the maximum, and no
     * more batches than allowed ever run at once.
     */
    @Test
    void underConcurrencyEveryItemRunsOnceAndEveryCallerGetsItsOwnAnswer() throws Exception {
        int threads = 8;
        int perThread = 2_000;
        int maxBatch = 16;
        int maxInFlight = 3;
        ExecutorService completing = Executors.newFixedThreadPool(4);
        ExecutorService submitting = Executors.newFixedThreadPool(threads);
        var running = new AtomicInteger();
        var mostRunning = new AtomicInteger();
        var largest = new AtomicInteger();
        var runs = new ConcurrentHashMap<Integer, Integer>();
        var failedItems = ConcurrentHashMap.<Integer>newKeySet();
        try {
            var batcher = new SmartBatcher<Integer, Integer>(maxBatch, maxInFlight, batch -> {
                mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                largest.accumulateAndGet(batch.size(), Math::max);
                batch.forEach(item -> runs.merge(item, 1, Integer::sum));
                boolean fails = ThreadLocalRandom.current().nextInt(10) == 0;
                if (fails) {
                    failedItems.addAll(batch);
                }
                return CompletableFuture.supplyAsync(() -> {
                    running.decrementAndGet();
                    if (fails) {
                        throw new IllegalStateException("batch failed");
                    }
                    return batch.stream().map(item -> -item).toList();
                }, CompletableFuture.delayedExecutor(ThreadLocalRandom.current().nextInt(200), TimeUnit.MICROSECONDS,
                        completing));
            });
            var start = new CountDownLatch(1);
            var results = new ConcurrentHashMap<Integer, CompletableFuture<Integer>>();
            for (int t = 0; t < threads; t++) {
                int base = t * perThread;
                submitting.execute(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int item = base; item < base + perThread; item++) {
                        results.put(item, batcher.submit(item));
                    }
                });
            }
            start.countDown();
            submitting.shutdown();
            assertThat(submitting.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(results).hasSize(threads * perThread);
            CompletableFuture.allOf(results.values().toArray(CompletableFuture[]::new))
                    .handle((ignored, error) -> null).get(30, TimeUnit.SECONDS);

            results.forEach((item, result) -> {
                if (failedItems.contains(item)) {
                    assertThatThrownBy(result::join).cause().hasMessage("batch failed");
                } else {
                    assertThat(result).isCompletedWithValue(-item);
                }
            });
            assertThat(failedItems).isNotEmpty();
            assertThat(runs).hasSize(threads * perThread).allSatisfy((item, count) -> assertThat(count).isOne());
            assertThat(largest.get()).isLessThanOrEqualTo(maxBatch).isGreaterThan(1);
            assertThat(mostRunning.get()).isLessThanOrEqualTo(maxInFlight);
            assertThat(batcher.queued()).isZero();
        } finally {
            completing.shutdownNow();
            submitting.shutdownNow();
        }
    }
}
