package io.codac.adapter.trunk.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The calls-per-second half of a trunk's contract: a token bucket of {@code limit} tokens in which each
 * token comes back exactly one {@code window} after it was spent.
 *
 * <p>A classic bucket that refills continuously at {@code limit}/s lets a full burst at the end of one
 * second be followed by almost a full burst at the start of the next, which a carrier counting per
 * sliding second rejects. Returning each token a whole window after its use means no window of that
 * length, however it is aligned, ever holds more than {@code limit} call starts, so the contract holds
 * under any way a carrier counts; a full burst is still allowed, which keeps the trunk busy.
 *
 * <p>Not thread-safe: {@link TrunkLimiter} guards it.
 */
public final class CallsPerSecondWindow {

    private final int limit;
    private final Duration window;
    /** Start times of the calls still inside the window, oldest first. */
    private final Deque<Instant> starts = new ArrayDeque<>();

    public CallsPerSecondWindow(int limit, Duration window) {
        if (limit <= 0) {
            throw new IllegalArgumentException("a CPS limit must be > 0, was " + limit);
        }
        if (window == null || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a CPS window must be positive, was " + window);
        }
        this.limit = limit;
        this.window = window;
    }

    public int limit() {
        return limit;
    }

    /** Takes a token if one is free at {@code now}. */
    public boolean tryTake(Instant now) {
        evictExpired(now);
        if (starts.size() >= limit) {
            return false;
        }
        // A clock that steps back must not let a start sort before one already recorded.
        Instant last = starts.peekLast();
        starts.addLast(last != null && last.isAfter(now) ? last : now);
        return true;
    }

    /** The earliest instant at which a token is free: {@code now} when one already is. */
    public Instant nextFreeAt(Instant now) {
        evictExpired(now);
        if (starts.size() < limit) {
            return now;
        }
        return starts.peekFirst().plus(window);
    }

    /** Calls started within the window that ends at {@code now}. */
    public int usedAt(Instant now) {
        evictExpired(now);
        return starts.size();
    }

    /**
     * Returns the token taken at {@code takenAt} because no call was started with it (the attempt turned
     * out to be a duplicate). Returning a token that is not held changes nothing.
     */
    public void giveBack(Instant takenAt) {
        starts.removeLastOccurrence(takenAt);
    }

    /**
     * Moves the token taken at {@code takenAt} to {@code startedAt}, when the call is known to have
     * reached the carrier no later than that: its token then comes back one window after {@code startedAt}.
     * A token is only ever moved later, so the window never admits more than before.
     */
    public void restamp(Instant takenAt, Instant startedAt) {
        if (!startedAt.isAfter(takenAt)) {
            return;
        }
        // Not found means the token already aged out while the request was in flight; the carrier may
        // still be counting this call, so it is counted again from startedAt either way.
        starts.removeLastOccurrence(takenAt);
        // Keep the deque ordered: walk back from the newest start to the slot of startedAt.
        var newer = new ArrayDeque<Instant>();
        while (!starts.isEmpty() && starts.peekLast().isAfter(startedAt)) {
            newer.addFirst(starts.pollLast());
        }
        starts.addLast(startedAt);
        starts.addAll(newer);
    }

    private void evictExpired(Instant now) {
        while (!starts.isEmpty() && !starts.peekFirst().plus(window).isAfter(now)) {
            starts.pollFirst();
        }
    }
}
