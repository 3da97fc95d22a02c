package io.codac.sim.domain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The carrier's call detail records, newest last, bounded: beyond the capacity the oldest calls are dropped,
 * so a long benchmark cannot exhaust memory. Not thread-safe: the {@link TelephoneNetwork} serialises access.
 */
final class CallDetailRecords {

    private final int capacity;
    private final ArrayDeque<Call> order = new ArrayDeque<>();
    private final Map<String, ArrayDeque<Call>> byNumber = new HashMap<>();

    CallDetailRecords(int capacity) {
        this.capacity = capacity;
    }

    void add(Call call) {
        order.addLast(call);
        byNumber.computeIfAbsent(call.number(), n -> new ArrayDeque<>()).addLast(call);
        while (order.size() > capacity) {
            Call oldest = order.pollFirst();
            ArrayDeque<Call> ofNumber = byNumber.get(oldest.number());
            ofNumber.pollFirst(); // records are added in time order, so a number's oldest is the fleet's oldest
            if (ofNumber.isEmpty()) {
                byNumber.remove(oldest.number());
            }
        }
    }

    List<CallRecord> of(String number) {
        ArrayDeque<Call> calls = byNumber.get(number);
        return calls == null ? List.of() : calls.stream().map(Call::record).toList();
    }

    /** The newest {@code query.limit()} records that match the query, oldest first. */
    List<CallRecord> query(CdrQuery query) {
        Iterator<Call> it;
        if (query.number() != null) {
            ArrayDeque<Call> calls = byNumber.get(Population.canonical(query.number()));
            if (calls == null) {
                return List.of();
            }
            it = calls.descendingIterator();
        } else {
            it = order.descendingIterator();
        }
        var newest = new ArrayList<CallRecord>();
        while (it.hasNext() && newest.size() < query.limit()) {
            Call call = it.next();
            if (query.matches(call.trunk(), call.createdAt())) {
                newest.add(call.record());
            }
        }
        return newest.reversed();
    }

    /** The newest {@code limit} records, oldest first. */
    List<CallRecord> latest(int limit) {
        var newest = new ArrayList<CallRecord>(Math.min(limit, order.size()));
        Iterator<Call> it = order.descendingIterator();
        while (it.hasNext() && newest.size() < limit) {
            newest.add(it.next().record());
        }
        return newest.reversed();
    }
}
