package io.codac.reporting.timeline.domain;

import io.codac.contracts.event.CallEventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static io.codac.reporting.timeline.domain.LegState.ANSWERED;
import static io.codac.reporting.timeline.domain.LegState.DIALING;
import static io.codac.reporting.timeline.domain.LegState.EARLY_MEDIA;
import static io.codac.reporting.timeline.domain.LegState.ENDED;
import static io.codac.reporting.timeline.domain.LegState.REJECTED;
import static io.codac.reporting.timeline.domain.LegState.RINGING;
import static org.assertj.core.api.Assertions.assertThat;

class LegStateTest {

    @Test
    void aLegAdvancesThroughTheUsualFlashCall() {
        assertThat(RINGING.supersedes(DIALING)).isTrue();
        assertThat(ENDED.supersedes(RINGING)).isTrue();
        assertThat(ANSWERED.supersedes(RINGING)).isTrue();
        assertThat(ENDED.supersedes(ANSWERED)).isTrue();
    }

    @Test
    void ringingOutranksEarlyMediaWhicheverComesFirst() {
        assertThat(RINGING.supersedes(EARLY_MEDIA)).isTrue();
        assertThat(EARLY_MEDIA.supersedes(RINGING)).isFalse();
        assertThat(EARLY_MEDIA.supersedes(DIALING)).isTrue();
    }

    @Test
    void aLateEventNeverPullsALegBack() {
        assertThat(DIALING.supersedes(RINGING)).isFalse();
        assertThat(RINGING.supersedes(ANSWERED)).isFalse();
        assertThat(RINGING.supersedes(ENDED)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = LegState.class, names = {"ENDED", "REJECTED"})
    void anEndedOrRejectedLegIsFinal(LegState last) {
        assertThat(last.isFinal()).isTrue();
        for (LegState next : LegState.values()) {
            assertThat(next.supersedes(last)).as("%s -> %s", last, next).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(LegState.class)
    void repeatingAStateChangesNothing(LegState state) {
        assertThat(state.supersedes(state)).isFalse();
    }

    @Test
    void theUpdateGuardsListExactlyTheSupersededStates() {
        assertThat(DIALING.superseded()).isEmpty();
        assertThat(RINGING.superseded()).containsExactlyInAnyOrder(DIALING, EARLY_MEDIA);
        assertThat(ENDED.superseded()).containsExactlyInAnyOrder(DIALING, EARLY_MEDIA, RINGING, ANSWERED);
        assertThat(REJECTED.superseded()).isEqualTo(ENDED.superseded());
    }

    @Test
    void everyOutboundCallEventReportsAStateAndAnInboundCallReportsNone() {
        assertThat(LegState.reportedBy(CallEventType.DIAL_STARTED)).contains(DIALING);
        assertThat(LegState.reportedBy(CallEventType.RINGING)).contains(RINGING);
        assertThat(LegState.reportedBy(CallEventType.EARLY_MEDIA)).contains(EARLY_MEDIA);
        assertThat(LegState.reportedBy(CallEventType.ANSWERED)).contains(ANSWERED);
        assertThat(LegState.reportedBy(CallEventType.ENDED)).contains(ENDED);
        assertThat(LegState.reportedBy(CallEventType.REJECTED_NO_CAPACITY)).contains(REJECTED);
        assertThat(LegState.reportedBy(CallEventType.INBOUND_CALL)).isEmpty();
    }
}
