package io.codac.scheduler.inbound.domain;

import java.time.Instant;
import java.util.List;

/**
 * The scheduler's durable memory of the missed-call flow: the call each missed-call verification expects, and the
 * inbound calls received. Both are kept so that a match is found whichever of a request and its shopper's call
 * reaches the scheduler first (they come on two topics). Writes are idempotent; calls block until durable.
 */
public interface InboundCallRecords {

    /** Records what a verification expects; recording it again changes nothing. */
    void expect(ExpectedCall expected);

    /** Records a received call; false when its event id was already recorded (a redelivery). */
    boolean received(InboundCall call);

    /**
     * The calls the verifications of {@code callerNumber} expect, with whether each still waits, the most recently
     * requested first, at most {@code limit}.
     */
    List<ExpectedCall> expectedFrom(String callerNumber, int limit);

    /** Calls received from {@code callerNumber} to {@code did} at or after {@code since}, the earliest first. */
    List<InboundCall> receivedFrom(String callerNumber, String did, Instant since, int limit);

    /**
     * Forgets calls received, and expectations of verifications that expired, before {@code cutoff}; at most
     * {@code limit} rows of each. How many rows went.
     */
    long forgetBefore(Instant cutoff, int limit);
}
