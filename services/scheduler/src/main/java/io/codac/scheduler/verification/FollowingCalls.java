package io.codac.scheduler.verification;

import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.OutcomeClassifier;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.scheduler.verification.domain.Attempt;
import io.codac.scheduler.verification.domain.RetryPolicy;
import io.codac.scheduler.verification.domain.Verification;
import io.codac.scheduler.verification.domain.VerificationDecision;
import io.codac.scheduler.verification.domain.VerificationLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Follows the call events of the attempts this scheduler placed.
 *
 * <ul>
 *   <li>Progress events move a live attempt forward. Once it rings or is answered, the verification is
 *       {@code VERIFIED} at once and its result published (BRIEF §4: report at once), while the attempt stays
 *       live — holding its channel and its number — until its end is reported.</li>
 *   <li>An end is classified by the shared {@link OutcomeClassifier} and settled; for a verification already
 *       complete, only the attempt is finished and its number released.</li>
 *   <li>A hand-back for lack of capacity is placed again.</li>
 * </ul>
 *
 * <p>An event for an attempt that already finished, or that the ledger does not know, changes nothing; so does
 * a repeated progress event, a repeated end, or a ringing for a verification already complete. Inbound (missed)
 * calls are no attempt's: they are matched by {@code io.codac.scheduler.inbound}, never here.
 */
public final class FollowingCalls {

    private static final Logger log = LoggerFactory.getLogger(FollowingCalls.class);

    private final VerificationLedger ledger;
    private final OutcomeClassifier classifier;
    private final RetryPolicy retryPolicy;
    private final SettlingAttempts settling;
    private final CompletingVerifications completing;
    private final Clock clock;

    public FollowingCalls(VerificationLedger ledger, OutcomeClassifier classifier, RetryPolicy retryPolicy,
                          SettlingAttempts settling, CompletingVerifications completing, Clock clock) {
        this.ledger = ledger;
        this.classifier = classifier;
        this.retryPolicy = retryPolicy;
        this.settling = settling;
        this.completing = completing;
        this.clock = clock;
    }

    public void onCallEvent(CallEvent event) {
        if (event.type() == CallEventType.INBOUND_CALL) {
            return;
        }
        Optional<Attempt> known = ledger.findAttempt(event.leg().attemptId());
        if (known.isEmpty()) {
            log.debug("call event {} for unknown attempt {}", event.type(), event.leg().attemptId());
            return;
        }
        Attempt attempt = known.get();
        if (!attempt.isLive()) {
            return;
        }
        switch (event.type()) {
            case ENDED -> {
                CallSignal signal = attempt.withAlertingSeen(event.signal());
                OutcomeClass outcome = classifier.classify(signal);
                settling.ended(attempt.ended(outcome, signal, endedAt(event)));
            }
            case REJECTED_NO_CAPACITY -> settling.handedBack(attempt.handedBack(endedAt(event)));
            default -> progressed(attempt, event.type());
        }
    }

    private void progressed(Attempt attempt, CallEventType type) {
        Optional<Attempt> next = attempt.progressed(type);
        next.ifPresent(moved -> ledger.saveProgress(moved, attempt.status()));
        // Judged on the attempt as it is now, not on whether this event moved it: a ringing redelivered after a
        // crash between the two writes still completes the verification.
        retryPolicy.whileLive(next.orElse(attempt)).ifPresent(verdict -> complete(attempt, verdict));
    }

    private void complete(Attempt live, VerificationDecision.Complete verdict) {
        Optional<Verification> verification = ledger.find(live.verificationId());
        if (verification.isEmpty() || verification.get().isTerminal()) {
            return;
        }
        Verification terminal = completing.terminalStateOf(verification.get(), verdict.status(), verdict.reason());
        Verification saved = ledger.save(terminal).orElseThrow(() -> new IllegalStateException("verification "
                + live.verificationId() + " changed while its attempt " + live.attemptId() + " was ringing; the event"
                + " is processed again"));
        completing.completed(saved);
    }

    private Instant endedAt(CallEvent event) {
        return event.occurredAt() != null ? event.occurredAt() : clock.instant();
    }
}
