package io.codac.contracts.event;

import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.domain.VerificationStatus;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.json.UndecodableEventException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventCodecTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:15:30.123Z");
    private final EventCodec codec = new EventCodec();

    @Test
    void everyEventTypeSurvivesARoundTrip() {
        var leg = new CallLeg("att-1", "ver-1", "+919876543210", "srv1-a", "srv1");
        List<CodacEvent> events = List.of(
                new VerificationRequested("e1", NOW, "ver-1", "client-1", "+919876543210", VerificationMethod.FLASH_CALL,
                        "order-42", "https://shop.example/hook", NOW.plusSeconds(300), null, Map.of("k", "v")),
                new DialCommand("e2", NOW, "att-1", "ver-1", "+919876543210", "srv1-a", "srv1", 1, "+918000000001", 30,
                        NOW.plusSeconds(5)),
                new CallEvent("e3", NOW, CallEventType.ENDED, leg, CallSignal.flashHangUpAfterRinging(), "Normal Clearing", null),
                new ServerHeartbeat("e4", NOW, "srv1", ServerState.UP,
                        List.of(new TrunkUsage("srv1-a", 3, 60, 2.5, 20, 10, 8, 1, 4,
                                List.of(new OperatorUsage("Airtel", 6, 5, 1), new OperatorUsage("unknown", 4, 3, 0))))),
                new VerificationCompleted("e5", NOW, "ver-1", "client-1", "+919876543210", VerificationStatus.VERIFIED,
                        "rang", NOW.minusSeconds(3),
                        List.of(new AttemptSummary("att-1", 1, "srv1-a", "srv1", NOW.minusSeconds(2), NOW,
                                OutcomeClass.VERIFIED, 16, true))),
                new RouteAlertEvent("e6", NOW, "17", "srv1-a", "Airtel", "srv1", RouteAlertState.DEGRADED, 0.2, 0.9, 40));

        for (CodacEvent event : events) {
            assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
        }
    }

    @Test
    void writesAVersionedEnvelopeWithALogicalTypeNeverAClassName() {
        String json = codec.encode(new ServerHeartbeat("e4", NOW, "srv1", ServerState.UP, List.of()));

        assertThat(json).startsWith("{\"type\":\"server.heartbeat\",\"version\":1,\"event\":{")
                .contains("\"occurredAt\":\"2026-11-22T10:15:30.123Z\"")
                .doesNotContain("io.codac");
    }

    @Test
    void aRouteAlertIsKeyedByItsRoute() {
        var alert = new RouteAlertEvent("e6", NOW, "17", "srv1-a", "Airtel", "srv1", RouteAlertState.RECOVERED, 0.85, 0.9, 40);

        assertThat(alert.key()).isEqualTo("srv1-a/Airtel").isEqualTo(RouteAlertEvent.routeKey("srv1-a", "Airtel"));
        assertThat(codec.encode(alert)).startsWith("{\"type\":\"route.alert\",\"version\":1,\"event\":{")
                .contains("\"state\":\"RECOVERED\"");
    }

    @Test
    void refusesPoisonRecordsWithAReason() {
        assertThatThrownBy(() -> codec.decode("not json")).isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"nope\",\"version\":1,\"event\":{}}"))
                .isInstanceOf(UndecodableEventException.class).hasMessageContaining("unknown event type 'nope'");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"dial.command\",\"version\":9,\"event\":{}}"))
                .isInstanceOf(UndecodableEventException.class).hasMessageContaining("version 9 is not supported");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"dial.command\",\"version\":1,\"event\":{\"attemptId\":\"a\"}}"))
                .isInstanceOf(UndecodableEventException.class).hasMessageContaining("without an eventId");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"dial.command\",\"version\":1,\"event\":{\"eventId\":\"x\",\"attemptNumber\":\"many\"}}"))
                .isInstanceOf(UndecodableEventException.class).hasMessageContaining("malformed");
        assertThatThrownBy(() -> codec.decode("", DialCommand.class)).isInstanceOf(UndecodableEventException.class);
    }

    @Test
    void refusesAnEventOfTheWrongTypeForItsTopic() {
        String heartbeat = codec.encode(new ServerHeartbeat("e4", NOW, "srv1", ServerState.UP, List.of()));

        assertThatThrownBy(() -> codec.decode(heartbeat, DialCommand.class))
                .isInstanceOf(UndecodableEventException.class)
                .hasMessageContaining("expected DialCommand");
    }

    @Test
    void ignoresFieldsAddedByANewerProducerOfTheSameVersion() {
        String json = "{\"type\":\"server.heartbeat\",\"version\":1,\"event\":{\"eventId\":\"e\",\"serverId\":\"srv1\","
                + "\"state\":\"UP\",\"futureField\":42}}";

        assertThat(codec.decode(json, ServerHeartbeat.class).serverId()).isEqualTo("srv1");
    }
}
