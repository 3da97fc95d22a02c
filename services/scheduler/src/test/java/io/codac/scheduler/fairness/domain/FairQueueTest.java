package io.codac.scheduler.fairness.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FairQueueTest {

    private final FairQueue<String> queue = new FairQueue<>(100_000, 90_000, 50_000);

    private List<String> pollAll(FairQueue<String> from) {
        var ids = new ArrayList<String>();
        for (Optional<FairQueue.Entry<String>> next = from.poll(); next.isPresent(); next = from.poll()) {
            ids.add(next.get().id());
        }
        return ids;
    }

    private void offer(String client, String... ids) {
        for (String id : ids) {
            assertThat(queue.offer(client, id, "item-" + id)).isTrue();
        }
    }

    @Test
    void anEmptyQueuePollsNothing() {
        assertThat(queue.poll()).isEmpty();
        assertThat(queue.size()).isZero();
    }

    @Test
    void oneClientsItemsLeaveInTheOrderTheyCame() {
        offer("a", "a1", "a2", "a3");

        assertThat(pollAll(queue)).containsExactly("a1", "a2", "a3");
    }

    @Test
    void clientsWithItemsAreServedInTurn() {
        offer("a", "a1", "a2", "a3");
        offer("b", "b1", "b2");
        offer("c", "c1");

        assertThat(pollAll(queue)).containsExactly("a1", "b1", "c1", "a2", "b2", "a3");
    }

    @Test
    void aClientWithFiftyThousandWaitingDelaysAnotherClientsSingleItemByNoMoreThanOneRound() {
        for (int i = 0; i < 50_000; i++) {
            queue.offer("burst", "burst-" + i, "x");
        }
        queue.poll();
        queue.poll();
        queue.offer("small", "small-1", "y");

        // the round: at most the burst's one item in its turn, then the small client's
        var first = queue.poll().orElseThrow();
        var second = first.clientId().equals("small") ? first : queue.poll().orElseThrow();

        assertThat(second.id()).isEqualTo("small-1");
        assertThat(queue.sizeOf("burst")).isGreaterThanOrEqualTo(49_996);
    }

    @Test
    void aClientArrivingWhileOthersWaitIsServedWithinOneItemOfEach() {
        for (String client : List.of("a", "b", "c")) {
            for (int i = 0; i < 1000; i++) {
                queue.offer(client, client + i, "x");
            }
        }
        queue.offer("late", "late-1", "y");

        List<String> clients = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clients.add(queue.poll().orElseThrow().clientId());
        }
        assertThat(clients).containsExactly("a", "b", "c", "late");
    }

    @Test
    void aWeightedClientIsServedItsWeightInARowPerTurn() {
        var weighted = new FairQueue<String>(100, 90, 10, client -> client.equals("gold") ? 3 : 1);
        for (int i = 1; i <= 5; i++) {
            weighted.offer("gold", "g" + i, "x");
            weighted.offer("basic", "b" + i, "x");
        }

        assertThat(pollAll(weighted)).containsExactly("g1", "g2", "g3", "b1", "g4", "g5", "b2", "b3", "b4", "b5");
    }

    @Test
    void aWeightBelowOneCountsAsOne() {
        var odd = new FairQueue<String>(100, 90, 10, client -> 0);
        odd.offer("a", "a1", "x");
        odd.offer("a", "a2", "x");
        odd.offer("b", "b1", "x");

        assertThat(pollAll(odd)).containsExactly("a1", "b1", "a2");
    }

    @Test
    void aClientThatEmptiedAndComesBackJoinsTheBackOfTheRing() {
        offer("a", "a1");
        offer("b", "b1", "b2");
        assertThat(queue.poll().orElseThrow().id()).isEqualTo("a1");

        offer("a", "a2");

        assertThat(pollAll(queue)).containsExactly("b1", "a2", "b2");
    }

    @Test
    void aDuplicateIdIsIgnoredButReportedAsWaiting() {
        offer("a", "v1");

        assertThat(queue.offer("a", "v1", "again")).isTrue();
        assertThat(queue.offer("b", "v1", "elsewhere")).isTrue();
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.poll().orElseThrow()).isEqualTo(new FairQueue.Entry<>("a", "v1", "item-v1"));
        assertThat(queue.sizeOf("b")).isZero();
    }

    @Test
    void anIdCanBeQueuedAgainOnceItLeft() {
        offer("a", "v1");
        queue.poll();

        assertThat(queue.offer("a", "v1", "again")).isTrue();
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void aFullQueueRefusesNewItemsAndDropsNothing() {
        var small = new FairQueue<String>(3, 3, 1);
        assertThat(small.offer("a", "a1", "x")).isTrue();
        assertThat(small.offer("a", "a2", "x")).isTrue();
        assertThat(small.offer("b", "b1", "x")).isTrue();

        assertThat(small.offer("c", "c1", "x")).isFalse();
        assertThat(small.offer("a", "a1", "x")).as("already waiting").isTrue();
        assertThat(small.size()).isEqualTo(3);
        assertThat(small.contains("c1")).isFalse();
        assertThat(pollAll(small)).containsExactly("a1", "b1", "a2");
    }

    @Test
    void itemsCanBeRemovedWhereverTheyWait() {
        offer("a", "a1", "a2", "a3");
        offer("b", "b1");

        assertThat(queue.remove("a2")).isTrue();
        assertThat(queue.remove("b1")).isTrue();
        assertThat(queue.remove("b1")).isFalse();
        assertThat(queue.remove("never")).isFalse();

        assertThat(queue.size()).isEqualTo(2);
        assertThat(queue.sizeOf("b")).isZero();
        assertThat(pollAll(queue)).containsExactly("a1", "a3");
    }

    @Test
    void itemsPutBackLeadTheirClientsItemsInTheOrderTheyLeft() {
        offer("a", "a1", "a2", "a3", "a4");
        offer("b", "b1", "b2");
        String a1 = queue.poll().orElseThrow().id();
        queue.poll(); // b1, placed
        String a2 = queue.poll().orElseThrow().id();

        // a1 and a2 found no room they could take: back where they were, last polled first
        assertThat(queue.putBack("a", a2, "item-a2")).isTrue();
        assertThat(queue.putBack("a", a1, "item-a1")).isTrue();

        assertThat(queue.size()).isEqualTo(5);
        assertThat(queue.sizeOf("a")).isEqualTo(4);
        assertThat(pollAll(queue)).containsExactly("b2", "a1", "a2", "a3", "a4");
    }

    @Test
    void aClientWhoseOnlyItemIsPutBackKeepsItsTurn() {
        offer("small", "s1");
        offer("big", "h1", "h2");
        assertThat(queue.poll().orElseThrow().id()).isEqualTo("s1");

        queue.putBack("small", "s1", "item-s1");

        assertThat(pollAll(queue)).containsExactly("s1", "h1", "h2");
    }

    @Test
    void anItemPutBackAfterItWasOfferedAgainIsNotThereTwiceAndAFullQueueStillTakesItBack() {
        var bounded = new FairQueue<String>(2, 2, 1);
        bounded.offer("a", "a1", "x");
        bounded.offer("a", "a2", "x");
        bounded.poll();
        assertThat(bounded.offer("b", "b1", "x")).isTrue();
        assertThat(bounded.offer("b", "b2", "x")).as("full").isFalse();

        assertThat(bounded.putBack("a", "a1", "x")).as("it held that place a moment ago").isTrue();
        assertThat(bounded.putBack("a", "a1", "x")).as("waiting already").isFalse();
        assertThat(bounded.size()).isEqualTo(3);
        assertThat(bounded.isPaused()).isTrue();
        assertThat(bounded.remove("a1")).isTrue();
        assertThat(pollAll(bounded)).containsExactly("a2", "b1");
        assertThatThrownBy(() -> bounded.putBack(null, "x", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void removingTheLastItemOfTheClientAtTheHeadPassesTheTurnOn() {
        offer("a", "a1");
        offer("b", "b1");

        queue.remove("a1");

        assertThat(pollAll(queue)).containsExactly("b1");
    }

    @Test
    void sizesAreKeptPerClient() {
        offer("a", "a1", "a2");
        offer("b", "b1");

        assertThat(queue.size()).isEqualTo(3);
        assertThat(queue.sizeOf("a")).isEqualTo(2);
        assertThat(queue.sizeOf("nobody")).isZero();
        assertThat(queue.sizesByClient()).isEqualTo(Map.of("a", 2, "b", 1));
    }

    @Test
    void pauseStartsAtTheHighWatermarkAndEndsOnlyAtTheLowOne() {
        var bounded = new FairQueue<String>(10, 8, 3);
        for (int i = 0; i < 7; i++) {
            bounded.offer("a", "a" + i, "x");
        }
        assertThat(bounded.isPaused()).isFalse();

        bounded.offer("a", "a7", "x");
        assertThat(bounded.isPaused()).isTrue();

        for (int i = 0; i < 4; i++) {
            bounded.poll();
        }
        assertThat(bounded.size()).isEqualTo(4);
        assertThat(bounded.isPaused()).as("between the watermarks it stays paused").isTrue();

        bounded.remove("a4");
        assertThat(bounded.isPaused()).isFalse();

        bounded.offer("a", "b1", "x");
        assertThat(bounded.isPaused()).as("between the watermarks it stays running").isFalse();
    }

    @Test
    void concurrentProducersAndAConsumerLoseAndDuplicateNothing() throws Exception {
        var shared = new FairQueue<Integer>(1_000_000, 900_000, 1);
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(3);
        for (int producer = 0; producer < 2; producer++) {
            int p = producer;
            pool.submit(() -> {
                start.await();
                for (int i = 0; i < 5_000; i++) {
                    shared.offer("client" + (i % 7), p + "-" + i, i);
                }
                return null;
            });
        }
        var taken = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        pool.submit(() -> {
            start.await();
            for (int i = 0; i < 3_000; i++) {
                shared.poll().ifPresent(entry -> taken.add(entry.id()));
            }
            return null;
        });
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
        for (Optional<FairQueue.Entry<Integer>> next = shared.poll(); next.isPresent(); next = shared.poll()) {
            taken.add(next.get().id());
        }

        assertThat(taken).hasSize(10_000).doesNotHaveDuplicates();
    }

    @Test
    void settingsAndItemsAreValidated() {
        assertThatThrownBy(() -> new FairQueue<String>(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FairQueue<String>(10, 11, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FairQueue<String>(10, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FairQueue<String>(10, 5, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FairQueue<String>(10, 5, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.offer(null, "id", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.offer("a", null, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> queue.offer("a", "id", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
