package io.codac.adapter.reconcile.domain;

import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.OutcomeClassifier;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.CallLeg;
import io.codac.contracts.event.EventContract;
import io.codac.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ReconciliationTest {

    private final MutableClock clock = MutableClock.atNoon();

    private OpenAttempt open(String attemptId) {
        return new OpenAttempt(new CallLeg(attemptId, "ver-" + attemptId, "+919812345678", "t1", "srv1"), 10,
                clock.instant().minusSeconds(2));
    }

    @Test
    void anOpenAttemptNobodyFollowsWithALiveChannelIsAdoptedWithTheChannelsState() {
        var attempt = open("att-1");

        var decisions = Reconciliation.decide(List.of(attempt), Map.of("att-1", "Ringing"), Set.of(), Set.of());

        assertThat(decisions).containsExactly(new Reconciliation.Adopt(attempt, "Ringing"));
    }

    @Test
    void anOpenAttemptNobodyFollowsWithoutALiveChannelIsReportedLost() {
        var attempt = open("att-1");

        var decisions = Reconciliation.decide(List.of(attempt), Map.of(), Set.of(), Set.of());

        assertThat(decisions).containsExactly(new Reconciliation.ReportLost(attempt));
    }

    @Test
    void anOpenAttemptFollowedHereIsLeftToItsLeg() {
        var attempt = open("att-1");

        assertThat(Reconciliation.decide(List.of(attempt), Map.of("att-1", "Down"), Set.of("att-1"), Set.of("att-1")))
                .isEmpty();
    }

    @Test
    void anAttemptPlacedAfterTheChannelsWereListedIsNeitherLostNorVanished() {
        var placedMeanwhile = open("att-new");

        var decisions = Reconciliation.decide(List.of(placedMeanwhile), Map.of(), Set.of(), Set.of("att-new"));

        assertThat(decisions).isEmpty();
    }

    @Test
    void aLegFollowedBeforeTheListingWhoseChannelIsGoneVanished() {
        var decisions = Reconciliation.decide(List.of(open("att-1")), Map.of(), Set.of("att-1"), Set.of("att-1"));

        assertThat(decisions).containsExactly(new Reconciliation.Vanished("att-1"));
    }

    @Test
    void aLegThatEndedBetweenTheListingAndTheDecisionIsLeftAlone() {
        // followed before the listing, ended (and forgotten) since: neither vanished nor lost
        assertThat(Reconciliation.decide(List.of(), Map.of(), Set.of("att-1"), Set.of())).isEmpty();
    }

    @Test
    void channelsThatAreNotOurOpenAttemptsAreNotOurs() {
        assertThat(Reconciliation.decide(List.of(), Map.of("other-adapter", "Up", "inbound-1", "Ring"), Set.of(),
                Set.of())).isEmpty();
    }

    @Test
    void aLostAttemptIsReportedEndedWithoutAnyProvisionalReplyCountingAgainstTheRoute() {
        CallEvent report = Reconciliation.lostReport(open("att-1"), clock.instant());

        assertThat(report.type()).isEqualTo(CallEventType.ENDED);
        assertThat(report.eventId()).isEqualTo("att-1:ended");
        assertThat(report.signal().alerted()).isFalse();
        assertThat(report.signal().provisional()).isFalse();
        assertThat(report.signal().hungUpByUs()).isFalse();
        assertThat(report.causeText()).startsWith("lost");
        assertThat(new OutcomeClassifier().classify(report.signal())).isEqualTo(OutcomeClass.ROUTE_FAILURE);
        EventContract.check(report);
    }
}
