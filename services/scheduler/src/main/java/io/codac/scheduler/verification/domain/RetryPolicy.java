package io.codac.scheduler.verification.domain;

import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.VerificationStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns the outcome of a verification's latest attempt into what happens next (BRIEF §4):
 *
 * <ul>
 *   <li>a verdict ({@code VERIFIED}, {@code INVALID}) is reported at once, even after the TTL: it is an answer;</li>
 *   <li>otherwise, once the TTL has passed, the verification is {@code EXPIRED};</li>
 *   <li>once the attempt budget is spent, it ends with the outcome's
 *       {@link OutcomeClass#statusWhenRetriesRunOut()} ({@code FAILED} after route failures);</li>
 *   <li>a route failure or a rejection by our own side is retried at once (on another trunk: the placement
 *       policy skips trunks already tried);</li>
 *   <li>a suspect-invalid number is confirmed once on another trunk, and reported {@code INVALID} the second time;</li>
 *   <li>an unreachable number is retried later, the wait doubling with each unreachable outcome, and reported
 *       {@code UNREACHABLE} when the next try would fall after the TTL.</li>
 * </ul>
 *
 * <p>The budget counts attempts that may have reached a carrier ({@link Verification#attemptsMade()}, the
 * attempt being judged included); an attempt handed back undialed never reaches this policy.
 */
public final class RetryPolicy {

    /** Beyond this many doublings the back-off stops growing (and cannot overflow). */
    private static final int MAX_DOUBLINGS = 6;

    private final int maxAttempts;
    private final Duration backOff;

    public RetryPolicy(int maxAttempts, Duration backOff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("the attempt budget must be at least 1, was " + maxAttempts);
        }
        if (backOff.isNegative() || backOff.isZero()) {
            throw new IllegalArgumentException("the retry back-off must be positive, was " + backOff);
        }
        this.maxAttempts = maxAttempts;
        this.backOff = backOff;
    }

    /**
     * @param verification    the verification, its {@code attemptsMade} counting the attempt that just ended
     * @param outcome         the class of the attempt that just ended
     * @param earlierOutcomes the classes of the verification's earlier attempts (handed-back ones excluded)
     */
    public VerificationDecision afterAttempt(Verification verification, OutcomeClass outcome,
                                             List<OutcomeClass> earlierOutcomes, Instant now) {
        if (outcome.nextStep() == OutcomeClass.NextStep.REPORT) {
            return new VerificationDecision.Complete(outcome.statusWhenRetriesRunOut(), verdictReason(outcome));
        }
        if (verification.isExpiredAt(now)) {
            return new VerificationDecision.Complete(VerificationStatus.EXPIRED,
                    "time to live passed without a verdict (last outcome " + outcome + ")");
        }
        if (verification.attemptsMade() >= maxAttempts) {
            return new VerificationDecision.Complete(outcome.statusWhenRetriesRunOut(),
                    "attempt budget of " + maxAttempts + " spent (last outcome " + outcome + ")");
        }
        return switch (outcome.nextStep()) {
            case RETRY_ONCE_ON_ANOTHER_ROUTE -> earlierOutcomes.contains(outcome)
                    ? new VerificationDecision.Complete(VerificationStatus.INVALID, "no route to the number on two routes")
                    : new VerificationDecision.RetryNow("confirming " + outcome + " on another route");
            case RETRY_LATER -> retryLater(verification, outcome, earlierOutcomes, now);
            case RETRY_NOW_ON_ANOTHER_ROUTE, RETRY_NOW_ON_ANOTHER_ROUTE_AND_ALERT ->
                    new VerificationDecision.RetryNow(outcome + ": retrying on another route");
            case REPORT -> throw new IllegalStateException("handled above");
        };
    }

    /**
     * What a live attempt's progress alone decides: once the phone rings (180) or the call is answered, the line
     * is in service and the verification is {@code VERIFIED} at once (BRIEF §4), without waiting for the call to
     * end. Early media alone proves nothing.
     */
    public Optional<VerificationDecision.Complete> whileLive(Attempt live) {
        if (!live.isLive() || !live.reachedHandset()) {
            return Optional.empty();
        }
        return Optional.of(new VerificationDecision.Complete(VerificationStatus.VERIFIED,
                live.status() == AttemptStatus.ANSWERED ? "the call was answered" : "the phone rang"));
    }

    /**
     * An attempt whose end was never reported within its window. If it was seen ringing or answered, the
     * handset exists and the number must never be dialed again: {@code VERIFIED}. Otherwise it is presumed
     * a route failure (the adapter or its server most likely died), a strike against the route.
     */
    public VerificationDecision afterLostAttempt(Verification verification, Attempt lost,
                                                 List<OutcomeClass> earlierOutcomes, Instant now) {
        if (lost.reachedHandset()) {
            return new VerificationDecision.Complete(VerificationStatus.VERIFIED,
                    "the phone rang; the end of the call was never reported");
        }
        return afterAttempt(verification, presumedOutcomeOf(lost), earlierOutcomes, now);
    }

    /** What the ledger records as the outcome of a lost attempt. */
    public OutcomeClass presumedOutcomeOf(Attempt lost) {
        return lost.reachedHandset() ? OutcomeClass.VERIFIED : OutcomeClass.ROUTE_FAILURE;
    }

    private VerificationDecision retryLater(Verification verification, OutcomeClass outcome,
                                            List<OutcomeClass> earlierOutcomes, Instant now) {
        long earlierSame = earlierOutcomes.stream().filter(outcome::equals).count();
        Duration wait = backOff.multipliedBy(1L << Math.min(earlierSame, MAX_DOUBLINGS));
        Instant at = now.plus(wait);
        if (verification.isExpiredAt(at)) {
            return new VerificationDecision.Complete(outcome.statusWhenRetriesRunOut(),
                    outcome + " and no time left to retry before the verification expires");
        }
        return new VerificationDecision.RetryLater(at, outcome + ": retrying in " + wait.toMillis() + " ms");
    }

    private static String verdictReason(OutcomeClass outcome) {
        return switch (outcome) {
            case VERIFIED -> "the line is in service";
            case INVALID -> "the number does not exist";
            default -> outcome.name();
        };
    }

    public int maxAttempts() {
        return maxAttempts;
    }
}
