package io.codac.scheduler.verification;

import io.codac.scheduler.fairness.domain.FairQueue;
import io.codac.scheduler.verification.domain.Verification;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * This instance's verifications waiting for a trunk, fair between clients ({@link FairQueue}): one client's burst
 * of 50,000 cannot hold another client's single order back by more than one turn. Each waits with the snapshot the
 * ledger holds it at, queued ({@link Verification#queued()}): placing it needs no read (the ledger's writes are
 * optimistic, so a snapshot that went stale is refused, never acted on), and a restart or a rebalance rebuilds the
 * line from the ledger.
 *
 * <p>The line is bounded; above its high watermark the request consumer is paused (back-pressure: requests stay in
 * Kafka, nothing is dropped) until it has fallen to the low one.
 *
 * <p>Ahead of the fair order goes work that must not wait its turn ({@link #offerFirst}): a dead server's unstarted
 * attempts, hand-backs, retries at once after a route failure. It is little (at most the attempts in flight), and
 * without it each would wait behind a hot batch for the slots it frees.
 */
public final class WaitingLine {

    private final int capacity;
    private final int highWatermark;
    private final int lowWatermark;
    private FairQueue<Waiting> queue;
    private final LinkedHashMap<String, Waiting> first = new LinkedHashMap<>();

    /**
     * A verification in the line.
     *
     * @param verification as the ledger held it when it was queued
     * @param trunksTried  the trunks its earlier attempts used, when known without a read (a new request has none);
     *                     {@code null}: read them from the ledger before placing it
     * @param first        offered ahead of the fair order ({@link #offerFirst}): if it finds no room when its turn
     *                     comes, it goes back there rather than behind the others
     */
    public record Waiting(Verification verification, Set<String> trunksTried, boolean first) {
    }

    public WaitingLine(int capacity, int highWatermark, int lowWatermark) {
        this.capacity = capacity;
        this.highWatermark = highWatermark;
        this.lowWatermark = lowWatermark;
        this.queue = new FairQueue<>(capacity, highWatermark, lowWatermark);
    }

    /** False when the line is full (the verification then stays due in the ledger and is offered again later). */
    public synchronized boolean offer(Verification waiting) {
        return offer(waiting, null);
    }

    /** @param trunksTried see {@link Waiting#trunksTried()} */
    public synchronized boolean offer(Verification waiting, Set<String> trunksTried) {
        if (first.containsKey(waiting.id())) {
            return true; // waiting already, ahead of the fair order
        }
        return queue.offer(waiting.clientId(), waiting.id(), new Waiting(waiting, trunksTried, false));
    }

    /**
     * Puts the verification ahead of everyone in fair order (see the class comment), even above the line's capacity:
     * it was placed once already and holds no more than its own place. Offered again, it moves to the front lane.
     */
    public synchronized void offerFirst(Verification waiting, Set<String> trunksTried) {
        queue.remove(waiting.id());
        first.put(waiting.id(), new Waiting(waiting, trunksTried, true));
    }

    /** The next verification: the front lane's oldest, then the fair order's next. */
    public synchronized Optional<Waiting> poll() {
        var oldest = first.entrySet().iterator();
        if (oldest.hasNext()) {
            Waiting next = oldest.next().getValue();
            oldest.remove();
            return Optional.of(next);
        }
        return queue.poll().map(FairQueue.Entry::item);
    }

    /**
     * Returns verifications just polled that found no trunk they may take with room ({@link
     * DispatchingAttempts.Dispatch#NO_ROOM}), or whose placement failed, to the places they left, in the order they
     * were polled: work offered
     * first at the front lane's head, the others first among their client's waiting ones. They lose no turn and no
     * write was made: still queued in the ledger, they are simply tried again when room frees. One offered again
     * meanwhile is not put back twice.
     */
    public synchronized void putBack(List<Waiting> polledInOrder) {
        var frontLane = new LinkedHashMap<String, Waiting>();
        for (Waiting waiting : polledInOrder) {
            if (waiting.first() && !first.containsKey(waiting.verification().id())) {
                frontLane.put(waiting.verification().id(), waiting);
            }
        }
        for (Waiting waiting : polledInOrder.reversed()) {
            if (!waiting.first() && !first.containsKey(waiting.verification().id())) {
                queue.putBack(waiting.verification().clientId(), waiting.verification().id(), waiting);
            }
        }
        if (!frontLane.isEmpty()) {
            frontLane.keySet().forEach(queue::remove);
            frontLane.putAll(first);
            first.clear();
            first.putAll(frontLane);
        }
    }

    public synchronized boolean remove(String verificationId) {
        return first.remove(verificationId) != null | queue.remove(verificationId);
    }

    /** Whether the client already has verifications waiting (a new one of its own must go behind them). */
    public synchronized boolean hasWaiting(String clientId) {
        return queue.sizeOf(clientId) > 0
                || first.values().stream().anyMatch(w -> w.verification().clientId().equals(clientId));
    }

    public synchronized boolean isEmpty() {
        return first.isEmpty() && queue.size() == 0;
    }

    public synchronized boolean hasRoom() {
        return queue.size() < capacity;
    }

    /** At or above the high watermark, until fallen to the low one: the request consumer should pause. */
    public synchronized boolean isPaused() {
        return queue.isPaused();
    }

    public int capacity() {
        return capacity;
    }

    public synchronized int size() {
        return first.size() + queue.size();
    }

    public synchronized Map<String, Integer> sizesByClient() {
        var sizes = new HashMap<>(queue.sizesByClient());
        first.values().forEach(w -> sizes.merge(w.verification().clientId(), 1, Integer::sum));
        return sizes;
    }

    /** The line after a rebalance: exactly these verifications, the longest-waiting first within each client. */
    public synchronized void replaceWith(List<Verification> waiting) {
        first.clear();
        queue = new FairQueue<>(capacity, highWatermark, lowWatermark);
        waiting.forEach(this::offer);
    }
}
