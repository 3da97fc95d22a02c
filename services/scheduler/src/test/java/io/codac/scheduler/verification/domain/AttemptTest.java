package io.codac.scheduler.verification.domain;

import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.OutcomeClassifier;
import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.event.CallEventType;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttemptTest {

    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    private static Attempt placed() {
        Verification v = Verification.requested("v1", "c1", "+447700900123", VerificationMethod.FLASH_CALL, NOW,
                NOW.plusSeconds(300), NOW);
        return Attempt.placed("a1", v, "t1", "srv1", NOW);
    }

    @Test
    void aNewAttemptIsPlacedWithTheNextNumber() {
        Attempt a = placed();

        assertThat(a.status()).isEqualTo(AttemptStatus.PLACED);
        assertThat(a.attemptNumber()).isEqualTo(1);
        assertThat(a.isLive()).isTrue();
        assertThat(a.alerted()).isFalse();
    }

    @Test
    void progressEventsMoveItForwardAndRingingMeansAlerted() {
        Attempt dialing = placed().progressed(CallEventType.DIAL_STARTED).orElseThrow();
        Attempt ringing = dialing.progressed(CallEventType.RINGING).orElseThrow();

        assertThat(dialing.status()).isEqualTo(AttemptStatus.DIALING);
        assertThat(ringing.status()).isEqualTo(AttemptStatus.RINGING);
        assertThat(ringing.alerted()).isTrue();
        assertThat(ringing.progressed(CallEventType.ANSWERED).orElseThrow().alerted()).isTrue();
    }

    @Test
    void lateOrRepeatedProgressChangesNothing() {
        Attempt ringing = placed().progressed(CallEventType.RINGING).orElseThrow();

        assertThat(ringing.progressed(CallEventType.RINGING)).isEmpty();
        assertThat(ringing.progressed(CallEventType.DIAL_STARTED)).isEmpty();
        assertThat(ringing.progressed(CallEventType.EARLY_MEDIA)).isEmpty();
        assertThat(placed().progressed(CallEventType.ENDED)).isEmpty();
    }

    @Test
    void earlyMediaAloneIsNotAlerting() {
        Attempt early = placed().progressed(CallEventType.EARLY_MEDIA).orElseThrow();

        assertThat(early.alerted()).isFalse();
        assertThat(early.reachedHandset()).isFalse();
    }

    @Test
    void aFinishedAttemptTakesNoMoreProgress() {
        Attempt ended = placed().ended(OutcomeClass.VERIFIED, CallSignal.flashHangUpAfterRinging(), NOW);

        assertThat(ended.progressed(CallEventType.RINGING)).isEmpty();
        assertThatThrownBy(() -> ended.ended(OutcomeClass.VERIFIED, CallSignal.flashHangUpAfterRinging(), NOW))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ended.handedBack(NOW)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> ended.lost(OutcomeClass.ROUTE_FAILURE, NOW)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void endingRecordsTheOutcomeCauseAndAlerting() {
        Attempt ended = placed().ended(OutcomeClass.VERIFIED, CallSignal.flashHangUpAfterRinging(), NOW.plusSeconds(4));

        assertThat(ended.status()).isEqualTo(AttemptStatus.ENDED);
        assertThat(ended.outcome()).isEqualTo(OutcomeClass.VERIFIED);
        assertThat(ended.q850Cause()).isEqualTo(16);
        assertThat(ended.alerted()).isTrue();
        assertThat(ended.endedAt()).isEqualTo(NOW.plusSeconds(4));
    }

    @Test
    void ringingSeenEarlierMakesAnAmbiguousEndAVerdict() {
        // cause 21 before alerting is our side rejected; after alerting it is a declined call: the handset exists
        Attempt ringing = placed().progressed(CallEventType.RINGING).orElseThrow();
        CallSignal reported = CallSignal.failedBeforeAlerting(21, null);

        CallSignal seen = ringing.withAlertingSeen(reported);

        assertThat(new OutcomeClassifier().classify(reported)).isEqualTo(OutcomeClass.OUR_SIDE_REJECTED);
        assertThat(new OutcomeClassifier().classify(seen)).isEqualTo(OutcomeClass.VERIFIED);
        assertThat(seen.q850Cause()).isEqualTo(21);
    }

    @Test
    void anAnsweredAttemptIsAnsweredWhateverTheEndSays() {
        Attempt answered = placed().progressed(CallEventType.ANSWERED).orElseThrow();

        assertThat(answered.withAlertingSeen(CallSignal.failedBeforeAlerting(16, null)).answered()).isTrue();
    }

    @Test
    void aSignalIsKeptAsReportedWhenNothingWasSeenBefore() {
        CallSignal reported = CallSignal.failedBeforeAlerting(38, null);

        assertThat(placed().withAlertingSeen(reported)).isSameAs(reported);
    }

    @Test
    void anEndWithoutASignalIsClassifiedAsARouteFailure() {
        assertThat(new OutcomeClassifier().classify(placed().withAlertingSeen(null))).isEqualTo(OutcomeClass.ROUTE_FAILURE);
    }

    @Test
    void aHandBackKeepsNoOutcome() {
        Attempt back = placed().handedBack(NOW);

        assertThat(back.status()).isEqualTo(AttemptStatus.REJECTED);
        assertThat(back.outcome()).isNull();
        assertThat(back.isLive()).isFalse();
    }

    @Test
    void aLostAttemptKeepsWhatWasSeen() {
        Attempt lost = placed().progressed(CallEventType.RINGING).orElseThrow().lost(OutcomeClass.VERIFIED, NOW);

        assertThat(lost.status()).isEqualTo(AttemptStatus.LOST);
        assertThat(lost.alerted()).isTrue();
        assertThat(lost.outcome()).isEqualTo(OutcomeClass.VERIFIED);
    }

    @Test
    void aLiveAttemptKnowsItsVerdictOnceItRangButNotBefore() {
        assertThat(placed().knownOutcome()).isNull();
        assertThat(placed().progressed(CallEventType.EARLY_MEDIA).orElseThrow().knownOutcome()).isNull();
        assertThat(placed().progressed(CallEventType.RINGING).orElseThrow().knownOutcome()).isEqualTo(OutcomeClass.VERIFIED);
        assertThat(placed().progressed(CallEventType.ANSWERED).orElseThrow().knownOutcome()).isEqualTo(OutcomeClass.VERIFIED);
    }

    @Test
    void aFinishedAttemptKnowsTheOutcomeItEndedWith() {
        Attempt rangThenEnded = placed().progressed(CallEventType.RINGING).orElseThrow()
                .ended(OutcomeClass.VERIFIED, CallSignal.flashHangUpAfterRinging(), NOW);

        assertThat(rangThenEnded.knownOutcome()).isEqualTo(OutcomeClass.VERIFIED);
        assertThat(placed().handedBack(NOW).knownOutcome()).isNull();
    }
}
