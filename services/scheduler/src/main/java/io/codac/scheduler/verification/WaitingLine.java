package io.codac.scheduler.verification;

import io.codac.scheduler.fairness.domain.FairQueue;
import io.codac.scheduler.verification.domain.Verification;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * This instance's verifications waiting for a trunk, fair between clients ({@link FairQueue}): one client's burst
 * of 50,000 cannot hold another client's single order back by more than one turn. Only ids wait here; the ledger
 * holds each one as queued ({@link Verification#queued()}), so a restart or a rebalance rebuilds the line from it.
 *
 * <p>The line is bounded; above its high watermark the request consumer is paused (back-pressure: requests stay in
 * Kafka, nothing is dropped) until it has fallen to the low one.
 */
public final class WaitingLine {

    private final int capacity;
    private final int highWatermark;
    private final int lowWatermark;
    private FairQueue<String> queue;

    public WaitingLine(int capacity, int highWatermark, int lowWatermark) {
        this.capacity = capacity;
        this.highWatermark = highWatermark;
        this.lowWatermark = lowWatermark;
        this.queue = new FairQueue<>(capacity, highWatermark, lowWatermark);
    }

    /** False when the line is full (the verification then stays due in the ledger and is offered again later). */
    public synchronized boolean offer(Verification waiting) {
        return queue.offer(waiting.clientId(), waiting.id(), waiting.id());
    }

    /** The next verification id in fair order. */
    public synchronized Optional<String> poll() {
        return queue.poll().map(FairQueue.Entry::id);
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
