package io.codac.scheduler.inbound.domain;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When a shopper's call verifies a missed-call verification: the caller ID is the verification's number, the DID
 * called is the one the verification was given, and the call arrived within its life — not before it was
 * requested (the DID pool is small and shared, so a call from an earlier verification must not verify a later one),
 * and before it expired.
 *
 * <p>The request's time is ingest's clock and the call's the adapter's: a call is allowed {@link #CLOCK_SKEW} before
 * the request, far less than any shopper needs to read a number off a checkout page and dial it.
 *
 * <p>A call verifies every verification it answers that is still waiting (two shops verifying one number at once are
 * both answered by the one call that proves it); one already complete is never changed.
 */
public final class MissedCallRule {

    /** How far the adapters' and the gateways' clocks may disagree. */
    public static final Duration CLOCK_SKEW = Duration.ofSeconds(2);

    /** Whether the call answers the expectation, whether or not the verification still waits. */
    public boolean answers(InboundCall call, ExpectedCall expected) {
        return call.callerNumber().equals(expected.phoneNumber())
                && call.did().equals(expected.dialInNumber())
                && withinLife(call, expected);
    }

    /** What the call means for the verifications that expect a call from its caller (any DID, any status). */
    public CallMatch match(InboundCall call, List<ExpectedCall> expectedFromCaller) {
        List<ExpectedCall> fromCaller = expectedFromCaller.stream()
                .filter(expected -> expected.phoneNumber().equals(call.callerNumber()))
                .toList();
        List<ExpectedCall> answered = fromCaller.stream().filter(expected -> answers(call, expected)).toList();
        List<ExpectedCall> waiting = answered.stream().filter(ExpectedCall::stillAwaited).toList();
        if (!waiting.isEmpty()) {
            return new CallMatch.Verifies(waiting);
        }
        if (!answered.isEmpty()) {
            return new CallMatch.Unmatched(CallMatch.Unanswered.ALREADY_COMPLETE);
        }
        if (fromCaller.stream().anyMatch(expected -> expected.dialInNumber().equals(call.did()))) {
            return new CallMatch.Unmatched(CallMatch.Unanswered.OUTSIDE_WINDOW);
        }
        return new CallMatch.Unmatched(fromCaller.isEmpty()
                ? CallMatch.Unanswered.NO_VERIFICATION : CallMatch.Unanswered.OTHER_DID);
    }

    /**
     * The call, among those already received, that answers a verification which has just arrived (its request can
     * reach the scheduler after the shopper's call does): the earliest that answers it, if any.
     */
    public Optional<InboundCall> earliestAnswer(ExpectedCall expected, List<InboundCall> received) {
        return received.stream()
                .filter(call -> answers(call, expected))
                .min(Comparator.comparing(InboundCall::calledAt).thenComparing(InboundCall::eventId));
    }

    private static boolean withinLife(InboundCall call, ExpectedCall expected) {
        return !call.calledAt().isBefore(expected.requestedAt().minus(CLOCK_SKEW))
                && call.calledAt().isBefore(expected.expiresAt());
    }
}
