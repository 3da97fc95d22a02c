package io.codac.adapter.call.domain;

import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.EventContract;
import io.codac.testsupport.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InboundCallsTest {

    private final MutableClock clock = MutableClock.atNoon();
    private final InboundCalls inbound = new InboundCalls(clock, "srv1");

    @Test
    void aStasisStartWhoseArgumentsStartWithInboundIsAnInboundCall() {
        assertThat(InboundCalls.isInbound(List.of("inbound", "+918069000001"))).isTrue();
        assertThat(InboundCalls.isInbound(List.of(" INBOUND "))).isTrue();
    }

    @Test
    void anyOtherStasisStartIsAnOriginatedLeg() {
        assertThat(InboundCalls.isInbound(List.of())).isFalse();
        assertThat(InboundCalls.isInbound(null)).isFalse();
        assertThat(InboundCalls.isInbound(Arrays.asList((String) null))).isFalse();
        assertThat(InboundCalls.isInbound(List.of("outbound", "inbound"))).isFalse();
    }

    @Test
    void anInboundCallIsReportedOnceKeyedByTheCallerWithTheDidAndTheTime() {
        var arrival = inbound.arrived("in-1", "+919812345678", "+918069000001");

        assertThat(arrival.notReported()).isNull();
        CallEvent event = arrival.report().orElseThrow();
        assertThat(event.type()).isEqualTo(CallEventType.INBOUND_CALL);
        assertThat(event.eventId()).isEqualTo("inbound:in-1");
        assertThat(event.key()).isEqualTo("+919812345678");
        assertThat(event.did()).isEqualTo("+918069000001");
        assertThat(event.occurredAt()).isEqualTo(clock.instant());
        assertThat(event.leg().serverId()).isEqualTo("srv1");
        assertThat(event.leg().attemptId()).isNull();
        assertThat(event.leg().verificationId()).isNull();
        assertThat(event.signal()).isNull();
        EventContract.check(event);
    }

    @ParameterizedTest
    @CsvSource({"919812345678, +919812345678", "00919812345678, +919812345678", "+91 98123-45678, +919812345678"})
    void theCallerNumberIsReportedInE164HoweverTheNetworkPresentedIt(String presented, String e164) {
        assertThat(inbound.arrived("in-1", presented, "918069000001").report().orElseThrow().leg().phoneNumber())
                .isEqualTo(e164);
    }

    @ParameterizedTest
    @CsvSource(value = {"anonymous", "''", "NULL", "+0123456789", "12345"}, nullValues = "NULL")
    void aWithheldOrMalformedCallerIsNotReported(String presented) {
        var arrival = inbound.arrived("in-1", presented, "+918069000001");

        assertThat(arrival.report()).isEmpty();
        assertThat(arrival.notReported()).contains("caller");
    }

    @Test
    void aCallWithoutAUsableDidIsNotReported() {
        var arrival = inbound.arrived("in-1", "+919812345678", "s");

        assertThat(arrival.report()).isEmpty();
        assertThat(arrival.notReported()).contains("DID");
    }

    @Test
    void theRejectionIsBusy() {
        assertThat(InboundCalls.REJECT_REASON).isEqualTo("busy");
    }
}
