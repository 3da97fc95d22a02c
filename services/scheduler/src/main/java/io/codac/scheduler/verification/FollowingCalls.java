package io.codac.scheduler.verification;

import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.OutcomeClassifier;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.scheduler.verification.domain.Attempt;
import io.codac.scheduler.verification.domain.VerificationLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Follows the call events of the attempts this scheduler placed. Progress events move a live attempt forward
 * (remembering that the phone rang); an end is classified by the shared {@link OutcomeClassifier} and settled;
 * a hand-back for lack of capacity is placed again. An event for an attempt that already finished, or that the
 * ledger does not know, changes nothing. Inbound (missed) calls are not handled yet.
 */
public final class FollowingCalls {

    private static final Logger log = LoggerFactory.getLogger(FollowingCalls.class);

    private final VerificationLedger ledger;
    private final OutcomeClassifier classifier;
    private final SettlingAttempts settling;
    private final Clock clock;

    public FollowingCalls(VerificationLedger ledger, OutcomeClassifier classifier, SettlingAttempts settling, Clock clock) {
        this.ledger = ledger;
        this.classifier = classifier;
        this.settling = settling;
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
            default -> attempt.progressed(event.type()).ifPresent(next -> ledger.saveProgress(next, attempt.status()));
        }
    }

    private Instant endedAt(CallEvent event) {
        return event.occurredAt() != null ? event.occurredAt() : clock.instant();
    }
}
