package io.codac.scheduler.testing;

import io.codac.contracts.domain.OutcomeClass;
import io.codac.scheduler.memory.domain.AttemptMemory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The attempt-memory port in memory, with the Redis adapter's rules (verdicts not kept, a time to live). */
public final class InMemoryAttemptMemory implements AttemptMemory {

    private final Map<String, Map<String, Instant>> failedUntil = new HashMap<>();
    private final Clock clock;
    private final Duration ttl;

    public InMemoryAttemptMemory(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public synchronized void remember(String phoneNumber, String trunkId, OutcomeClass outcome) {
        if (outcome == OutcomeClass.VERIFIED || outcome == OutcomeClass.INVALID) {
            return;
        }
        failedUntil.computeIfAbsent(phoneNumber, any -> new HashMap<>()).put(trunkId, clock.instant().plus(ttl));
    }

    @Override
    public synchronized Set<String> trunksToAvoid(String phoneNumber) {
        Instant now = clock.instant();
        return failedUntil.getOrDefault(phoneNumber, Map.of()).entrySet().stream()
                .filter(entry -> entry.getValue().isAfter(now))
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }
}
