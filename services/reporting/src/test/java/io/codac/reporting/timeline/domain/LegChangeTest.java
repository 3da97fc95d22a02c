package io.codac.reporting.timeline.domain;

import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.event.AttemptSummary;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.CallLeg;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LegChangeTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:15:30.123Z");
    private static final CallLeg LEG = new CallLeg("att-1", "ver-1", "+33612345678", "trunk-a", "srv-1");

    private static CallEvent event(CallEventType type, CallSignal signal, String causeText) {
        return new CallEvent("evt-1", AT, type, LEG, signal, causeText, null);
    }

    @Test
    void dialStartedOpensTheLegWithItsStartTime() {
        LegChange change = LegChange.reportedBy(event(CallEventType.DIAL_STARTED, null, null)).orElseThrow();

        assertThat(change).isEqualTo(new LegChange("att-1", "ver-1", null, "trunk-a", "srv-1", LegState.DIALING,
                AT, null, null, null, null, null, null));
    }

    @Test
    void ringingAndAnsweredCarryOnlyTheirOwnTime() {
        LegChange ringing = LegChange.reportedBy(event(CallEventType.RINGING, null, null)).orElseThrow();
        LegChange answered = LegChange.reportedBy(event(CallEventType.ANSWERED, null, null)).orElseThrow();

        assertThat(ringing.state()).isEqualTo(LegState.RINGING);
        assertThat(ringing.ringingAt()).isEqualTo(AT);
        assertThat(ringing.startedAt()).isNull();
        assertThat(answered.state()).isEqualTo(LegState.ANSWERED);
        assertThat(answered.answeredAt()).isEqualTo(AT);
        assertThat(answered.ringingAt()).isNull();
    }

    @Test
    void earlyMediaHasNoTimeColumnOfItsOwn() {
        LegChange change = LegChange.reportedBy(event(CallEventType.EARLY_MEDIA, null, null)).orElseThrow();

        assertThat(change.state()).isEqualTo(LegState.EARLY_MEDIA);
        assertThat(change.ringingAt()).isNull();
    }

    @Test
    void endedCarriesTheCauseAndItsText() {
        LegChange change = LegChange.reportedBy(
                event(CallEventType.ENDED, CallSignal.flashHangUpAfterRinging(), "Normal Clearing")).orElseThrow();

        assertThat(change.state()).isEqualTo(LegState.ENDED);
        assertThat(change.endedAt()).isEqualTo(AT);
        assertThat(change.q850Cause()).isEqualTo(16);
        assertThat(change.causeText()).isEqualTo("Normal Clearing");
    }

    @Test
    void endedWithoutASignalStillEndsTheLeg() {
        LegChange change = LegChange.reportedBy(event(CallEventType.ENDED, null, null)).orElseThrow();

        assertThat(change.state()).isEqualTo(LegState.ENDED);
        assertThat(change.q850Cause()).isNull();
    }

    @Test
    void aRejectedCommandEndsTheLegWithoutACause() {
        LegChange change = LegChange.reportedBy(event(CallEventType.REJECTED_NO_CAPACITY, null, "ignored")).orElseThrow();

        assertThat(change.state()).isEqualTo(LegState.REJECTED);
        assertThat(change.endedAt()).isEqualTo(AT);
        assertThat(change.causeText()).isNull();
    }

    @Test
    void anInboundCallIsNotAnOutboundLeg() {
        assertThat(LegChange.reportedBy(new CallEvent("evt-2", AT, CallEventType.INBOUND_CALL, LEG, null, null,
                "+442000000000"))).isEmpty();
    }

    @Test
    void anEndedAttemptOfAVerdictEndsTheLegWithItsOutcome() {
        var attempt = new AttemptSummary("att-1", 2, "trunk-a", "srv-1", AT, AT.plusSeconds(3), OutcomeClass.VERIFIED,
                16, true);

        LegChange change = LegChange.reportedBy("ver-1", attempt);

        assertThat(change).isEqualTo(new LegChange("att-1", "ver-1", 2, "trunk-a", "srv-1", LegState.ENDED,
                AT, null, null, AT.plusSeconds(3), 16, null, OutcomeClass.VERIFIED));
    }

    @Test
    void aVerdictReportedAtTheFirstRingDoesNotEndTheLeg() {
        var attempt = new AttemptSummary("att-1", 1, "trunk-a", "srv-1", AT, null, OutcomeClass.VERIFIED, null, true);

        LegChange change = LegChange.reportedBy("ver-1", attempt);

        assertThat(change.state()).isEqualTo(LegState.RINGING);
        assertThat(change.endedAt()).isNull();
        assertThat(change.outcome()).isEqualTo(OutcomeClass.VERIFIED);
    }

    @Test
    void anUnendedAttemptThatNeverRangSaysOnlyThatItWasDialed() {
        var attempt = new AttemptSummary("att-1", 1, "trunk-a", "srv-1", AT, null, OutcomeClass.ROUTE_FAILURE, null, false);

        assertThat(LegChange.reportedBy("ver-1", attempt).state()).isEqualTo(LegState.DIALING);
    }
}
