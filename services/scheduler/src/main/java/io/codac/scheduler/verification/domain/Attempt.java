package io.codac.scheduler.verification.domain;

import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.event.CallEventType;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One try at dialing a verification's number on one trunk. Its id is also the ARI channel id, which is
 * what makes a redelivered dial command harmless at the adapter.
 *
 * @param alerted the phone rang during this attempt (seen in a {@code RINGING} event or in the end signal)
 */
public record Attempt(
        String attemptId,
        String verificationId,
        int attemptNumber,
        String trunkId,
        String serverId,
        AttemptStatus status,
        Instant placedAt,
        Instant endedAt,
        OutcomeClass outcome,
        Integer q850Cause,
        boolean alerted) {

    public Attempt {
        Objects.requireNonNull(attemptId, "attemptId");
        Objects.requireNonNull(verificationId, "verificationId");
        Objects.requireNonNull(trunkId, "trunkId");
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(placedAt, "placedAt");
    }

    public static Attempt placed(String attemptId, Verification verification, String trunkId, String serverId, Instant now) {
        return new Attempt(attemptId, verification.id(), verification.nextAttemptNumber(), trunkId, serverId,
                AttemptStatus.PLACED, now, null, null, null, false);
    }

    public boolean isLive() {
        return status.isLive();
    }

    /** The attempt after a progress event, or empty when the event does not move it forward (late or repeated). */
    public Optional<Attempt> progressed(CallEventType event) {
        return status.after(event).map(next -> new Attempt(attemptId, verificationId, attemptNumber, trunkId,
                serverId, next, placedAt, endedAt, outcome, q850Cause, alerted || next == AttemptStatus.RINGING));
    }

    /**
     * The end signal as the classifier should see it: if this attempt was already seen ringing, the phone
     * was alerted whatever the end signal says, because alerting is what proves the handset (BRIEF §4).
     */
    public CallSignal withAlertingSeen(CallSignal reported) {
        CallSignal signal = reported != null ? reported : new CallSignal(false, false, false, false, null, null, null);
        boolean rang = alerted || status == AttemptStatus.RINGING;
        boolean answered = status == AttemptStatus.ANSWERED;
        if ((rang && !signal.alerted()) || (answered && !signal.answered())) {
            return new CallSignal(signal.alerted() || rang, signal.answered() || answered, signal.hungUpByUs(),
                    signal.provisional() || rang || answered, signal.q850Cause(), signal.sipCode(), signal.dialStatus());
        }
        return signal;
    }

    public Attempt ended(OutcomeClass outcomeClass, CallSignal signal, Instant at) {
        requireLive("end");
        return new Attempt(attemptId, verificationId, attemptNumber, trunkId, serverId, AttemptStatus.ENDED, placedAt,
                at, outcomeClass, signal.q850Cause(), alerted || signal.alerted());
    }

    public Attempt handedBack(Instant at) {
        requireLive("hand back");
        return new Attempt(attemptId, verificationId, attemptNumber, trunkId, serverId, AttemptStatus.REJECTED,
                placedAt, at, null, null, false);
    }

    /** No end was reported in time; {@code presumed} is what the scheduler concluded from what it did see. */
    public Attempt lost(OutcomeClass presumed, Instant at) {
        requireLive("presume lost");
        return new Attempt(attemptId, verificationId, attemptNumber, trunkId, serverId, AttemptStatus.LOST, placedAt,
                at, presumed, null, alerted);
    }

    /** The phone rang or answered (early media alone is not enough): the handset exists. */
    public boolean reachedHandset() {
        return alerted || status == AttemptStatus.RINGING || status == AttemptStatus.ANSWERED;
    }

    /**
     * The outcome as far as it is known: the recorded one once the attempt finished; while it is live, {@code
     * VERIFIED} if it already reached the handset (the verdict does not wait for the hang-up), else none yet.
     */
    public OutcomeClass knownOutcome() {
        if (outcome != null || !isLive()) {
            return outcome;
        }
        return reachedHandset() ? OutcomeClass.VERIFIED : null;
    }

    private void requireLive(String action) {
        if (!isLive()) {
            throw new IllegalStateException("cannot " + action + " attempt " + attemptId + ": it is already " + status);
        }
    }
}
