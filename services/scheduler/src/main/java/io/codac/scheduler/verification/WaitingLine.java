package io.codac.scheduler.verification;

import io.codac.scheduler.fairness.domain.FairQueue;
import io.codac.scheduler.verification.domain.Verification;

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
 */
public final class WaitingLine {

    private final int capacity;
    private final int highWatermark;
    private final int lowWatermark;
    private FairQueue<Waiting> queue;

    /**
     * A verification in the line.
     *
     * @param verification as the ledger held it when it was queued
     * @param trunksTried  the trunks its earlier attempts used, when known without a read (a new request has none);
     *                     {@code null}: read them from the ledger before placing it
     */
    public record Waiting(Verification verification, Set<String> trunksTried) {
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
        return queue.offer(waiting.clientId(), waiting.id(), new Waiting(waiting, trunksTried));
    }

    /** The next verification in fair order. */
    public synchronized Optional<Waiting> poll() {
        return queue.poll().map(FairQueue.Entry::item);
    }

    public synchronized boolean remove(String verificationId) {
        return queue.remove(verificationId);
    }

    /** Whether the client already has verifications waiting (a new one of its own must go behind them). */
    public synchronized boolean hasWaiting(String clientId) {
        return queue.sizeOf(clientId) > 0;
    }

    public synchronized boolean isEmpty() {
        return queue.size() == 0;
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
        return queue.size();
    }

    public synchronized Map<String, Integer> sizesByClient() {
        return queue.sizesByClient();
    }

    /** The line after a rebalance: exactly these verifications, the longest-waiting first within each client. */
    public synchronized void replaceWith(List<Verification> waiting) {
        queue = new FairQueue<>(capacity, highWatermark, lowWatermark);
        waiting.forEach(this::offer);
    }
}
