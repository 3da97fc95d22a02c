package io.codac.scheduler.fairness.domain;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * Work waiting for capacity, fair between clients: deficit round robin with a unit cost per item. Clients with
 * items wait in a ring; the client at the head is served up to its weight (its quantum, default 1) items in a row,
 * then goes to the back. Within a client, items leave in the order they came (FIFO).
 *
 * <p>So a client's wait does not depend on how much others have queued: with weights of 1 and {@code n} clients
 * waiting, a newly arrived client's first item leaves within {@code n} polls, behind one item of each client
 * already in the ring, even if one of them holds 50,000.
 *
 * <p>The queue is bounded: {@link #offer} refuses an item when {@link #capacity()} are waiting, and the caller
 * applies back-pressure (pauses its consumer) rather than dropping anything. The watermarks give that pause a
 * hysteresis: {@link #isPaused()} turns true when the size reaches the high watermark and false again only when it
 * has fallen to the low one, so the consumer is not paused and resumed on every item.
 *
 * <p>Each item has an id (the verification id): offering an id already waiting is ignored, so a redelivered
 * message is not queued twice. Thread-safe: every method holds this queue's lock.
 *
 * @param <T> the waiting item
 */
public final class FairQueue<T> {

    /**
     * One client's items, oldest first: those put back ({@link #putBack}, few) ahead of those offered. Two maps, so
     * putting an item back never copies a burst of thousands.
     */
    private static final class ClientQueue<T> {
        final LinkedHashMap<String, T> putBack = new LinkedHashMap<>();
        final LinkedHashMap<String, T> offered = new LinkedHashMap<>();
        int servedThisTurn;

        boolean isEmpty() {
            return putBack.isEmpty() && offered.isEmpty();
        }

        int size() {
            return putBack.size() + offered.size();
        }

        Map.Entry<String, T> takeOldest() {
            Iterator<Map.Entry<String, T>> oldestFirst =
                    (putBack.isEmpty() ? offered : putBack).entrySet().iterator();
            Map.Entry<String, T> oldest = oldestFirst.next();
            oldestFirst.remove();
            return oldest;
        }

        void remove(String id) {
            if (putBack.remove(id) == null) {
                offered.remove(id);
            }
        }

        void putFirst(String id, T item) {
            var reordered = new LinkedHashMap<String, T>();
            reordered.put(id, item);
            reordered.putAll(putBack);
            putBack.clear();
            putBack.putAll(reordered);
        }
    }

    /** One item taken from the queue, with the client and id it was offered under. */
    public record Entry<T>(String clientId, String id, T item) {
    }

    private final int capacity;
    private final int highWatermark;
    private final int lowWatermark;
    private final ToIntFunction<String> weightOf;
    private final Map<String, ClientQueue<T>> clients = new HashMap<>();
    private final ArrayDeque<String> ring = new ArrayDeque<>();
    private final Map<String, String> clientOfId = new HashMap<>();
    private int size;
    private boolean paused;

    /** Every client with weight 1. */
    public FairQueue(int capacity, int highWatermark, int lowWatermark) {
        this(capacity, highWatermark, lowWatermark, client -> 1);
    }

    /**
     * @param capacity      the most items waiting in all; positive
     * @param highWatermark {@link #isPaused()} turns true at this size; within 1..capacity
     * @param lowWatermark  {@link #isPaused()} turns false again at this size; within 0..highWatermark - 1
     * @param weightOf      each client's quantum: items served in a row per turn; a value below 1 counts as 1
     */
    public FairQueue(int capacity, int highWatermark, int lowWatermark, ToIntFunction<String> weightOf) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("the queue's capacity must be positive, was " + capacity);
        }
        if (highWatermark < 1 || highWatermark > capacity) {
            throw new IllegalArgumentException("the high watermark must be within 1.." + capacity + ", was " + highWatermark);
        }
        if (lowWatermark < 0 || lowWatermark >= highWatermark) {
            throw new IllegalArgumentException("the low watermark must be within 0.." + (highWatermark - 1)
                    + ", was " + lowWatermark);
        }
        this.capacity = capacity;
        this.highWatermark = highWatermark;
        this.lowWatermark = lowWatermark;
        this.weightOf = weightOf;
    }

    /**
     * Queues an item behind the client's others.
     *
     * @return true when the item is waiting (queued now, or already waiting under this id: a duplicate is ignored);
     *         false when the queue is full and nothing was queued
     */
    public synchronized boolean offer(String clientId, String id, T item) {
        if (clientId == null || id == null || item == null) {
            throw new IllegalArgumentException("a queued item needs a client, an id and the item");
        }
        if (clientOfId.containsKey(id)) {
            return true;
        }
        if (size >= capacity) {
            return false;
        }
        ClientQueue<T> queue = clients.computeIfAbsent(clientId, c -> new ClientQueue<>());
        if (queue.isEmpty()) {
            ring.addLast(clientId);
        }
        queue.offered.put(id, item);
        counted(clientId, id);
        return true;
    }

    /** The next item in fair order, or empty when nothing waits. */
    public synchronized Optional<Entry<T>> poll() {
        String clientId = ring.peekFirst();
        if (clientId == null) {
            return Optional.empty();
        }
        ClientQueue<T> queue = clients.get(clientId);
        Map.Entry<String, T> next = queue.takeOldest();
        clientOfId.remove(next.getKey());
        queue.servedThisTurn++;
        if (queue.isEmpty()) {
            ring.pollFirst();
            clients.remove(clientId);
        } else if (queue.servedThisTurn >= Math.max(1, weightOf.applyAsInt(clientId))) {
            queue.servedThisTurn = 0;
            ring.addLast(ring.pollFirst());
        }
        shrunk();
        return Optional.of(new Entry<>(clientId, next.getKey(), next.getValue()));
    }

    /**
     * Returns an item just polled that could not be used after all, to the place it left: first among its client's
     * items, and, if its client has nothing else waiting, the client first in the ring (its turn was not spent).
     * Accepted even above the capacity: the item held that place a moment ago. Items put back one after the other
     * end up in the reverse order, so put a batch back last-polled first.
     *
     * @return false when an item with this id is waiting already (it was offered again meanwhile): nothing changes
     */
    public synchronized boolean putBack(String clientId, String id, T item) {
        if (clientId == null || id == null || item == null) {
            throw new IllegalArgumentException("an item put back needs its client, its id and the item");
        }
        if (clientOfId.containsKey(id)) {
            return false;
        }
        ClientQueue<T> queue = clients.computeIfAbsent(clientId, c -> new ClientQueue<>());
        if (queue.isEmpty()) {
            ring.addFirst(clientId);
        }
        queue.putFirst(id, item);
        counted(clientId, id);
        return true;
    }

    /** An item now waits under this client: counted, and offers paused once the high watermark is reached. */
    private void counted(String clientId, String id) {
        clientOfId.put(id, clientId);
        size++;
        if (size >= highWatermark) {
            paused = true;
        }
    }

    /** Takes an item out wherever it waits (the verification was cancelled or placed another way). */
    public synchronized boolean remove(String id) {
        String clientId = clientOfId.remove(id);
        if (clientId == null) {
            return false;
        }
        ClientQueue<T> queue = clients.get(clientId);
        queue.remove(id);
        if (queue.isEmpty()) {
            ring.remove(clientId);
            clients.remove(clientId);
        }
        shrunk();
        return true;
    }

    public synchronized boolean contains(String id) {
        return clientOfId.containsKey(id);
    }

    public synchronized int size() {
        return size;
    }

    public synchronized int sizeOf(String clientId) {
        ClientQueue<T> queue = clients.get(clientId);
        return queue == null ? 0 : queue.size();
    }

    /** Items waiting per client (for the queue-depth metric). */
    public synchronized Map<String, Integer> sizesByClient() {
        var sizes = new LinkedHashMap<String, Integer>();
        ring.forEach(client -> sizes.put(client, clients.get(client).size()));
        return sizes;
    }

    public int capacity() {
        return capacity;
    }

    /** True from reaching the high watermark until falling to the low one: the producer should be paused. */
    public synchronized boolean isPaused() {
        return paused;
    }

    private void shrunk() {
        size--;
        if (size <= lowWatermark) {
            paused = false;
        }
    }
}
