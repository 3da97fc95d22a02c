package io.codac.scheduler.testing;

import io.codac.scheduler.failover.domain.DialFence;

import java.util.HashMap;
import java.util.Map;

/**
 * The fence port in memory, with the rule of the Redis adapter (whoever takes an attempt's claim first has it), for
 * fast tests of the use cases; {@link #adapterClaimed} plays the adapter taking its claim before it originates.
 */
public final class InMemoryDialFence implements DialFence {

    private final Map<String, String> claims = new HashMap<>();

    public synchronized void adapterClaimed(String attemptId) {
        claims.putIfAbsent(attemptId, "adapter");
    }

    public synchronized boolean fenced(String attemptId) {
        return "scheduler".equals(claims.get(attemptId));
    }

    @Override
    public synchronized FenceOutcome fence(String attemptId) {
        return claims.putIfAbsent(attemptId, "scheduler") == null ? FenceOutcome.FENCED : FenceOutcome.ALREADY_CLAIMED;
    }
}
