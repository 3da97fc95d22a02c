package io.codac.contracts.event;

import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.json.UndecodableEventException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Records that decode as JSON but could never be stored or dialed are refused at the consumer's door. */
class EventContractTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final EventCodec codec = new EventCodec();

    private static VerificationRequested request(String id, String number, String clientRef) {
        return new VerificationRequested("e1", NOW, id, "client-1", number, VerificationMethod.FLASH_CALL, clientRef,
                null, NOW.plusSeconds(300), null, Map.of());
    }

    private static CallEvent ended(String attemptId, String number, CallSignal signal) {
        return new CallEvent("e3", NOW, CallEventType.ENDED, new CallLeg(attemptId, "ver-1", number, "srv1-t1", "srv1"),
                signal, null, null);
    }

    @Test
    void aWellFormedEventPasses() {
        assertThatCode(() -> EventContract.check(request("ver-1", "+919876543210", "order-1"))).doesNotThrowAnyException();
        assertThatCode(() -> EventContract.check(ended("att-1", "+919876543210", CallSignal.flashHangUpAfterRinging())))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAnIdLongerThanItsColumn() {
        String tooLong = "v".repeat(EventContract.ID_MAX + 1);

        assertThatThrownBy(() -> codec.decode(codec.encode(request(tooLong, "+919876543210", null))))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("verificationId is longer than 64 characters");
    }

    @Test
    void refusesANumberThatIsNotE164BeforeAnyoneDialsIt() {
        assertThatThrownBy(() -> codec.decode(codec.encode(request("ver-1", "98765 43210", null))))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("phoneNumber is not an E.164 number");
        assertThatThrownBy(() -> EventContract.check(ended("att-1", "+9198765432101234", CallSignal.flashHangUpAfterRinging())))
                .hasMessageContaining("leg.phoneNumber");
    }

    @Test
    void refusesAnEndedCallWithoutItsSignalAndALegWithoutItsAttempt() {
        assertThatThrownBy(() -> EventContract.check(ended("att-1", "+919876543210", null)))
                .hasMessageContaining("signal is missing");
        assertThatThrownBy(() -> EventContract.check(ended(" ", "+919876543210", CallSignal.flashHangUpAfterRinging())))
                .hasMessageContaining("leg.attemptId is missing");
    }

    @Test
    void anInboundCallNeedsTheCallerAndTheDidButNoAttempt() {
        var inbound = new CallEvent("e4", NOW, CallEventType.INBOUND_CALL,
                new CallLeg(null, null, "+919876543210", null, "srv1"), null, null, "+918069000001");

        assertThat(codec.decode(codec.encode(inbound))).isEqualTo(inbound);
        var withoutDid = new CallEvent("e5", NOW, CallEventType.INBOUND_CALL,
                new CallLeg(null, null, "+919876543210", null, "srv1"), null, null, null);
        assertThatThrownBy(() -> EventContract.check(withoutDid)).hasMessageContaining("did");
    }

    @Test
    void refusesAClientRefLongerThanTheTimelineKeeps() {
        assertThatThrownBy(() -> EventContract.check(request("ver-1", "+919876543210", "r".repeat(256))))
                .hasMessageContaining("clientRef is longer than 255");
    }

    @Test
    void aRouteAlertNeedsItsRouteItsServerItsStateAndRatesThatAreShares() {
        assertThatCode(() -> EventContract.check(alert("srv1-t1", "Airtel", RouteAlertState.DEGRADED, 0.2)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> EventContract.check(alert("srv1-t1", null, RouteAlertState.DEGRADED, 0.2)))
                .hasMessageContaining("operator is missing");
        assertThatThrownBy(() -> EventContract.check(alert("srv1-t1", "o".repeat(EventContract.OPERATOR_MAX + 1),
                RouteAlertState.DEGRADED, 0.2))).hasMessageContaining("operator is longer than 100 characters");
        assertThatThrownBy(() -> EventContract.check(alert(null, "Airtel", RouteAlertState.DEGRADED, 0.2)))
                .hasMessageContaining("trunkId is missing");
        assertThatThrownBy(() -> EventContract.check(alert("srv1-t1", "Airtel", null, 0.2)))
                .hasMessageContaining("state is missing");
        assertThatThrownBy(() -> codec.decode(codec.encode(alert("srv1-t1", "Airtel", RouteAlertState.DEGRADED, 1.5))))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("windowRate must be a share between 0 and 1");
        assertThatThrownBy(() -> EventContract.check(alert("srv1-t1", "Airtel", RouteAlertState.RECOVERED, Double.NaN)))
                .hasMessageContaining("windowRate");
    }

    private static RouteAlertEvent alert(String trunkId, String operator, RouteAlertState state, double windowRate) {
        return new RouteAlertEvent("e7", NOW, "1", trunkId, operator, "srv1", state, windowRate, 0.9, 30);
    }
}
