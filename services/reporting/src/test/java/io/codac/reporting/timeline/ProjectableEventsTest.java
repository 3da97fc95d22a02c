package io.codac.reporting.timeline;

import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.domain.VerificationStatus;
import io.codac.contracts.event.AttemptSummary;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.CallLeg;
import io.codac.contracts.event.VerificationCompleted;
import io.codac.contracts.event.VerificationRequested;
import io.codac.contracts.json.UndecodableEventException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectableEventsTest {

    private static final Instant AT = Instant.parse("2026-11-22T10:15:30Z");

    private static VerificationRequested request(String id, String phone, String clientRef) {
        return new VerificationRequested("evt", AT, id, "client-1", phone, VerificationMethod.FLASH_CALL, clientRef,
                null, AT.plusSeconds(300), null, null);
    }

    @Test
    void aWellFormedRequestPasses() {
        assertThatCode(() -> ProjectableEvents.check(request("ver-1", "+33612345678", "order-1")))
                .doesNotThrowAnyException();
    }

    @Test
    void aRequestThatCannotBeStoredIsRefusedAsPoison() {
        assertThatThrownBy(() -> ProjectableEvents.check(request(null, "+33612345678", null)))
                .isInstanceOf(UndecodableEventException.class).hasMessageContaining("verificationId");
        assertThatThrownBy(() -> ProjectableEvents.check(request("ver-1", "+336123456789012345678", null)))
                .isInstanceOf(UndecodableEventException.class).hasMessageContaining("phoneNumber");
        assertThatThrownBy(() -> ProjectableEvents.check(request("x".repeat(65), "+33612345678", null)))
                .isInstanceOf(UndecodableEventException.class);
        assertThatThrownBy(() -> ProjectableEvents.check(request("ver-1", "+33612345678", "r".repeat(256))))
                .isInstanceOf(UndecodableEventException.class).hasMessageContaining("clientRef");
    }

    @Test
    void aCallEventNeedsItsLegIds() {
        var noTrunk = new CallLeg("att-1", "ver-1", "+33612345678", null, "srv-1");
        assertThatThrownBy(() -> ProjectableEvents.check(
                new CallEvent("evt", AT, CallEventType.RINGING, noTrunk, null, null, null)))
                .isInstanceOf(UndecodableEventException.class).hasMessageContaining("trunkId");
        assertThatThrownBy(() -> ProjectableEvents.check(
                new CallEvent("evt", AT, CallEventType.RINGING, null, null, null, null)))
                .isInstanceOf(UndecodableEventException.class);
    }

    @Test
    void anInboundCallIsLetThroughWhateverItsLegHolds() {
        var inbound = new CallLeg(null, null, "+33612345678", null, "srv-1");
        assertThatCode(() -> ProjectableEvents.check(
                new CallEvent("evt", AT, CallEventType.INBOUND_CALL, inbound, null, null, "+442000000000")))
                .doesNotThrowAnyException();
    }

    @Test
    void aResultNeedsItsIdAndStatusAndEachAttemptItsIds() {
        var attempt = new AttemptSummary(null, 1, "trunk-a", "srv-1", AT, AT, OutcomeClass.VERIFIED, 16, true);
        assertThatThrownBy(() -> ProjectableEvents.check(new VerificationCompleted("evt", AT, "ver-1", "client-1",
                "+33612345678", VerificationStatus.VERIFIED, null, AT, List.of(attempt))))
                .isInstanceOf(UndecodableEventException.class).hasMessageContaining("attemptId");
        assertThatThrownBy(() -> ProjectableEvents.check(new VerificationCompleted("evt", AT, "ver-1", "client-1",
                "+33612345678", null, null, AT, List.of())))
                .isInstanceOf(UndecodableEventException.class).hasMessageContaining("status");
    }
}
