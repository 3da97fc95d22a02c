package io.codac.adapter.dialing;

import io.codac.adapter.call.domain.InboundCalls;
import io.codac.contracts.domain.AriEndpoint;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.contracts.event.CallEventType;
import io.codac.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class InboundCallHandlerTest {

    private final MutableClock clock = MutableClock.atNoon();
    private final TelephonyServer server = new TelephonyServer("srv1",
            new AriEndpoint("http://127.0.0.1:1/", "codac", "codac", "codac"),
            List.of(new Trunk("trunk-a", "carrier", 0, 10, 2)), List.of("+918069000001"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DialingMetrics metrics = new DialingMetrics(registry, server.id(), new Trunks(server, clock));
    private final InMemoryPorts.Events events = new InMemoryPorts.Events();
    private final InMemoryPorts.FakeSwitchboard switchboard = new InMemoryPorts.FakeSwitchboard();
    private final CallEventOutbox outbox =
            new CallEventOutbox(server.id(), events, metrics, Duration.ofMillis(5), Duration.ofMillis(40));
    private final InboundCallHandler handler =
            new InboundCallHandler(new InboundCalls(clock, server.id()), switchboard, outbox, metrics);

    @AfterEach
    void stop() {
        outbox.close();
    }

    @Test
    void anInboundCallIsRejectedBusyAndReportedNeverDialed() {
        handler.arrived("in-1", "+919812345678", "+918069000001");

        assertThat(switchboard.rejected).containsExactly("in-1:busy");
        assertThat(switchboard.originated).isEmpty();
        assertThat(switchboard.hungUp).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.published.size() == 1);
        assertThat(events.published.getFirst().type()).isEqualTo(CallEventType.INBOUND_CALL);
        assertThat(events.published.getFirst().key()).isEqualTo("+919812345678");
        assertThat(registry.get("codac.adapter.inbound.calls").tag("reported", "true").counter().count()).isOne();
    }

    @Test
    void aWithheldCallerIsRejectedBusyButNotReported() {
        handler.arrived("in-2", "anonymous", "+918069000001");

        assertThat(switchboard.rejected).containsExactly("in-2:busy");
        assertThat(outbox.pending()).isZero();
        assertThat(events.tries).isEmpty();
        assertThat(registry.get("codac.adapter.inbound.calls").tag("reported", "false").counter().count()).isOne();
    }

    @Test
    void aReportTheBrokerRefusesIsRetriedUntilAcknowledged() {
        events.brokerDown = true;
        handler.arrived("in-3", "+919812345678", "+918069000001");
        await().atMost(Duration.ofSeconds(5)).until(() -> events.tries.size() >= 2);

        events.brokerDown = false;

        await().atMost(Duration.ofSeconds(5)).until(() -> events.published.size() == 1);
        assertThat(events.published).extracting(e -> e.eventId()).containsExactly("inbound:in-3");
    }
}
