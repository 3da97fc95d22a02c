package io.codac.contracts.event;

import io.codac.contracts.domain.OutcomeClass;

import java.time.Instant;

/** One attempt of a verification as reported with its result. */
public record AttemptSummary(
        String attemptId,
        int attemptNumber,
        String trunkId,
        String serverId,
        Instant placedAt,
        Instant endedAt,
        OutcomeClass outcome,
        Integer q850Cause,
        boolean alerted) {
}
