package io.codac.scheduler.memory.domain;

import io.codac.contracts.domain.OutcomeClass;

import java.util.Set;

/**
 * The routes on which a number failed recently, whichever verification and scheduler instance dialed it, kept for
 * a short while so that the next attempt for that number — the same verification's retry or a new verification a
 * minute later — avoids them (BRIEF §2: never retry the route that just failed). Disposable: losing it costs only
 * the hint.
 */
public interface AttemptMemory {

    /**
     * Remembers that {@code phoneNumber} failed on {@code trunkId} with {@code outcome}. Every outcome that sends the
     * next attempt elsewhere is kept (route failure, our side rejected, suspect invalid, unreachable); a verdict
     * ({@link OutcomeClass#VERIFIED}, {@link OutcomeClass#INVALID}) is ignored: nobody dials the number again soon.
     */
    void remember(String phoneNumber, String trunkId, OutcomeClass outcome);

    /** The trunks this number failed on within the memory's time to live; empty when none (or memory lost). */
    Set<String> trunksToAvoid(String phoneNumber);
}
