package io.codac.scheduler.verification.domain;

import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.domain.VerificationStatus;
import io.codac.scheduler.verification.domain.VerificationDecision.Complete;
import io.codac.scheduler.verification.domain.VerificationDecision.RetryLater;
import io.codac.scheduler.verification.domain.VerificationDecision.RetryNow;
import io.codac.contracts.event.CallEventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final Duration BACK_OFF = Duration.ofSeconds(2);

    private final RetryPolicy policy = new RetryPolicy(3, BACK_OFF);

    /** A verification in progress whose {@code attemptsMade}-th attempt just ended, expiring in five minutes. */
    private static Verification afterAttempts(int attemptsMade) {
        return afterAttempts(attemptsMade, NOW.plus(Duration.ofMinutes(5)));
    }

    private static Verification afterAttempts(int attemptsMade, Instant expiresAt) {
        return new Verification("v1", "c1", "+447700900123", VerificationMethod.FLASH_CALL,
                VerificationStatus.IN_PROGRESS, null, NOW.minusSeconds(10), expiresAt, attemptsMade, null, null, 3);
    }

    private VerificationDecision after(OutcomeClass outcome, int attemptsMade, OutcomeClass... earlier) {
        return policy.afterAttempt(afterAttempts(attemptsMade), outcome, List.of(earlier), NOW);
    }

    @Test
    void verifiedIsReportedAtOnce() {
        assertThat(after(OutcomeClass.VERIFIED, 1)).isEqualTo(new Complete(VerificationStatus.VERIFIED, "the line is in service"));
    }

    @Test
    void invalidIsReportedAtOnce() {
        assertThat(after(OutcomeClass.INVALID, 1)).isInstanceOf(Complete.class)
                .extracting(d -> ((Complete) d).status()).isEqualTo(VerificationStatus.INVALID);
    }

    @Test
    void aVerdictIsReportedEvenAfterTheTtlPassed() {
        var expired = afterAttempts(1, NOW.minusSeconds(1));

        assertThat(policy.afterAttempt(expired, OutcomeClass.VERIFIED, List.of(), NOW))
                .extracting(d -> ((Complete) d).status()).isEqualTo(VerificationStatus.VERIFIED);
    }

    @ParameterizedTest
    @EnumSource(value = OutcomeClass.class, names = {"ROUTE_FAILURE", "OUR_SIDE_REJECTED"})
    void routeLevelFailuresAreRetriedAtOnce(OutcomeClass outcome) {
        assertThat(after(outcome, 1)).isInstanceOf(RetryNow.class);
        assertThat(after(outcome, 2, outcome)).isInstanceOf(RetryNow.class);
    }

    @Test
    void routeFailuresUntilTheBudgetIsSpentEndFailed() {
        var decision = after(OutcomeClass.ROUTE_FAILURE, 3, OutcomeClass.ROUTE_FAILURE, OutcomeClass.ROUTE_FAILURE);

        assertThat(decision).isInstanceOf(Complete.class);
        assertThat(((Complete) decision).status()).isEqualTo(VerificationStatus.FAILED);
        assertThat(((Complete) decision).reason()).contains("budget");
    }

    @Test
    void suspectInvalidIsConfirmedOnceOnAnotherRoute() {
        assertThat(after(OutcomeClass.SUSPECT_INVALID, 1)).isInstanceOf(RetryNow.class);
    }

    @Test
    void suspectInvalidTwiceIsInvalid() {
        var decision = after(OutcomeClass.SUSPECT_INVALID, 2, OutcomeClass.SUSPECT_INVALID);

        assertThat(decision).isInstanceOf(Complete.class);
        assertThat(((Complete) decision).status()).isEqualTo(VerificationStatus.INVALID);
    }

    @Test
    void suspectInvalidAfterARouteFailureIsStillConfirmedOnce() {
        assertThat(after(OutcomeClass.SUSPECT_INVALID, 2, OutcomeClass.ROUTE_FAILURE)).isInstanceOf(RetryNow.class);
    }

    @Test
    void suspectInvalidWhenTheBudgetIsSpentIsInvalid() {
        var decision = after(OutcomeClass.SUSPECT_INVALID, 3, OutcomeClass.ROUTE_FAILURE, OutcomeClass.ROUTE_FAILURE);

        assertThat(((Complete) decision).status()).isEqualTo(VerificationStatus.INVALID);
    }

    @Test
    void unreachableIsRetriedLaterAfterTheBackOff() {
        assertThat(after(OutcomeClass.UNREACHABLE, 1)).isInstanceOf(RetryLater.class)
                .extracting(d -> ((RetryLater) d).at()).isEqualTo(NOW.plus(BACK_OFF));
    }

    @Test
    void theBackOffDoublesWithEachUnreachableOutcome() {
        var decision = after(OutcomeClass.UNREACHABLE, 2, OutcomeClass.UNREACHABLE);

        assertThat(((RetryLater) decision).at()).isEqualTo(NOW.plus(BACK_OFF.multipliedBy(2)));
    }

    @Test
    void otherOutcomesDoNotLengthenTheUnreachableBackOff() {
        var decision = after(OutcomeClass.UNREACHABLE, 2, OutcomeClass.ROUTE_FAILURE);

        assertThat(((RetryLater) decision).at()).isEqualTo(NOW.plus(BACK_OFF));
    }

    @Test
    void theBackOffStopsGrowing() {
        var bigBudget = new RetryPolicy(100, BACK_OFF);
        var many = java.util.Collections.nCopies(40, OutcomeClass.UNREACHABLE);
        var decision = bigBudget.afterAttempt(afterAttempts(41, NOW.plus(Duration.ofDays(1))), OutcomeClass.UNREACHABLE,
                many, NOW);

        assertThat(((RetryLater) decision).at()).isEqualTo(NOW.plus(BACK_OFF.multipliedBy(64)));
    }

    @Test
    void unreachableUntilTheBudgetIsSpentEndsUnreachable() {
        var decision = after(OutcomeClass.UNREACHABLE, 3, OutcomeClass.UNREACHABLE, OutcomeClass.UNREACHABLE);

        assertThat(((Complete) decision).status()).isEqualTo(VerificationStatus.UNREACHABLE);
    }

    @Test
    void unreachableWithNoTimeLeftBeforeExpiryEndsUnreachableAtOnce() {
        var expiringSoon = afterAttempts(1, NOW.plus(BACK_OFF).minusMillis(1));

        var decision = policy.afterAttempt(expiringSoon, OutcomeClass.UNREACHABLE, List.of(), NOW);

        assertThat(((Complete) decision).status()).isEqualTo(VerificationStatus.UNREACHABLE);
    }

    @Test
    void aRetryAfterTheTtlPassedIsExpired() {
        var expired = afterAttempts(1, NOW);

        var decision = policy.afterAttempt(expired, OutcomeClass.ROUTE_FAILURE, List.of(), NOW);

        assertThat(((Complete) decision).status()).isEqualTo(VerificationStatus.EXPIRED);
    }

    @Test
    void expiryWinsOverTheBudget() {
        var expiredAndSpent = afterAttempts(3, NOW.minusSeconds(1));

        var decision = policy.afterAttempt(expiredAndSpent, OutcomeClass.ROUTE_FAILURE, List.of(), NOW);

        assertThat(((Complete) decision).status()).isEqualTo(VerificationStatus.EXPIRED);
    }

    @Test
    void aBudgetOfOneAttemptRetriesNothing() {
        var single = new RetryPolicy(1, BACK_OFF);

        var decision = single.afterAttempt(afterAttempts(1), OutcomeClass.ROUTE_FAILURE, List.of(), NOW);

        assertThat(((Complete) decision).status()).isEqualTo(VerificationStatus.FAILED);
    }

    @Test
    void aLostAttemptThatRangIsVerifiedAndNeverRedialed() {
        var rang = attempt(AttemptStatus.RINGING, true);

        var decision = policy.afterLostAttempt(afterAttempts(1), rang, List.of(), NOW);

        assertThat(((Complete) decision).status()).isEqualTo(VerificationStatus.VERIFIED);
        assertThat(policy.presumedOutcomeOf(rang)).isEqualTo(OutcomeClass.VERIFIED);
    }

    @Test
    void aLostAttemptThatWasAnsweredIsVerified() {
        var answered = attempt(AttemptStatus.ANSWERED, false);

        assertThat(policy.afterLostAttempt(afterAttempts(1), answered, List.of(), NOW))
                .isInstanceOf(Complete.class);
    }

    @Test
    void aSilentLostAttemptIsARouteFailureRetriedElsewhere() {
        var silent = attempt(AttemptStatus.PLACED, false);

        assertThat(policy.afterLostAttempt(afterAttempts(1), silent, List.of(), NOW)).isInstanceOf(RetryNow.class);
        assertThat(policy.presumedOutcomeOf(silent)).isEqualTo(OutcomeClass.ROUTE_FAILURE);
    }

    @Test
    void aSilentLostAttemptWithTheBudgetSpentFails() {
        var silent = attempt(AttemptStatus.DIALING, false);

        var decision = policy.afterLostAttempt(afterAttempts(3), silent, List.of(), NOW);

        assertThat(((Complete) decision).status()).isEqualTo(VerificationStatus.FAILED);
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, BACK_OFF)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Attempt attempt(AttemptStatus status, boolean alerted) {
        return new Attempt("a1", "v1", 1, "t1", "srv1", status, NOW.minusSeconds(60), null, null, null, alerted);
    }

    private static Attempt live(CallEventType... progress) {
        Verification v = Verification.requested("v1", "c1", "+447700900123", VerificationMethod.FLASH_CALL, NOW,
                NOW.plusSeconds(300), NOW);
        Attempt attempt = Attempt.placed("a1", v, "t1", "srv1", NOW);
        for (CallEventType event : progress) {
            attempt = attempt.progressed(event).orElseThrow();
        }
        return attempt;
    }

    @Test
    void aLiveAttemptThatRingsIsAVerdictAtOnce() {
        assertThat(policy.whileLive(live(CallEventType.DIAL_STARTED, CallEventType.RINGING)))
                .contains(new Complete(VerificationStatus.VERIFIED, "the phone rang"));
    }

    @Test
    void aLiveAttemptThatIsAnsweredIsAVerdictAtOnce() {
        assertThat(policy.whileLive(live(CallEventType.ANSWERED)))
                .contains(new Complete(VerificationStatus.VERIFIED, "the call was answered"));
    }

    @Test
    void dialingOrEarlyMediaAloneDecidesNothing() {
        assertThat(policy.whileLive(live())).isEmpty();
        assertThat(policy.whileLive(live(CallEventType.DIAL_STARTED))).isEmpty();
        assertThat(policy.whileLive(live(CallEventType.EARLY_MEDIA))).isEmpty();
    }

    @Test
    void aFinishedAttemptDecidesNothingWhileLive() {
        Attempt ended = live(CallEventType.RINGING).ended(OutcomeClass.VERIFIED,
                io.codac.contracts.domain.CallSignal.flashHangUpAfterRinging(), NOW);

        assertThat(policy.whileLive(ended)).isEmpty();
    }
}
