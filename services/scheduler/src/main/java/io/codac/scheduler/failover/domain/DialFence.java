package io.codac.scheduler.failover.domain;

/**
 * Makes sure a dial command that was published but not yet taken by its adapter is never dialed, so that its
 * attempt can be placed on another server at once (a dead server's work moves in seconds, not after its ring
 * window). It takes the attempt's claim — the one the adapter must take before it originates — in the adapter's
 * place: from then on the adapter treats the command as a duplicate and skips it.
 */
public interface DialFence {

    FenceOutcome fence(String attemptId);

    enum FenceOutcome {
        /** The claim is ours: no adapter can dial this attempt any more; it may be placed elsewhere. */
        FENCED,
        /** An adapter claimed it first: it may be ringing a phone now; the attempt is in doubt until its window ends. */
        ALREADY_CLAIMED
    }
}
