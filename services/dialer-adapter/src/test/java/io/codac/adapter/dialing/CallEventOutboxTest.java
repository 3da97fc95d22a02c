package io.codac.adapter.dialing;

import io.codac.adapter.call.domain.CallEvents;
import io.codac.contracts.domain.AriEndpoint;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.CallLeg;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class CallEventOutboxTest {

    private static final CallLeg STUCK = new CallLeg("att-stuck", "ver-1", "+33612345678", "trunk-a", "srv1");
    private static final CallLeg FLOWING = new CallLeg("att-flowing", "ver-2", "+33698765432", "trunk-a", "srv1");

    private final TelephonyServer server = new TelephonyServer("srv1",
            new AriEndpoint("http://127.0.0.1:8091/", "codac", "codac", "codac-app"),
            List.of(new Trunk("trunk-a", "carrier", 0, 50, 5)), List.of());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DialingMetrics metrics = new DialingMetrics(registry, "srv1", new Trunks(server, Clock.systemUTC()));
    private final List<CallEvent> acknowledged = new CopyOnWriteArrayList<>();
    private volatile String unreachableAttempt = STUCK.attemptId();
    private final CallEventSink brokerRefusingOneLeg = event -> {
        if (event.leg().attemptId().equals(unreachableAttempt)) {
            return CompletableFuture.failedFuture(new IllegalStateException("partition leader unavailable (test)"));
        }
        acknowledged.add(event);
        return CompletableFuture.completedFuture(null);
    };
    private final CallEventOutbox outbox =
            new CallEventOutbox("srv1", brokerRefusingOneLeg, metrics, Duration.ofMillis(5), Duration.ofMillis(20));

    @AfterEach
    void stop() {
        outbox.close();
    }

    private static CallEvent event(CallLeg leg, CallEventType type) {
        return CallEvents.transition(leg, type, Instant.now());
    }

    @Test
    void aLegWhoseEventsAreNotAcknowledgedDoesNotHoldBackAnotherLeg() {
        outbox.publish(event(STUCK, CallEventType.DIAL_STARTED));
        outbox.publish(event(STUCK, CallEventType.RINGING));
        outbox.publish(event(FLOWING, CallEventType.DIAL_STARTED));
        outbox.publish(event(FLOWING, CallEventType.RINGING));

        await().atMost(Duration.ofSeconds(5)).until(() -> acknowledged.size() == 2);
        assertThat(acknowledged).extracting(CallEvent::eventId)
                .containsExactly("att-flowing:dial_started", "att-flowing:ringing");
        await().atMost(Duration.ofSeconds(5)).until(() -> registry.find("codac.adapter.call.events.publish.retries")
                .tag("type", "DIAL_STARTED").counter() != null);
        assertThat(outbox.pending()).isEqualTo(2);
        assertThat(registry.get("codac.adapter.call.events.pending").gauge().value()).isEqualTo(2);

        unreachableAttempt = "none";

        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.pending() == 0);
        assertThat(acknowledged).extracting(CallEvent::eventId).endsWith("att-stuck:dial_started", "att-stuck:ringing");
    }

    @Test
    void theBackOffDoublesFromTheFirstWaitUpToTheLongest() {
        assertThat(outbox.backOff(1)).isEqualTo(Duration.ofMillis(5));
        assertThat(outbox.backOff(2)).isEqualTo(Duration.ofMillis(10));
        assertThat(outbox.backOff(3)).isEqualTo(Duration.ofMillis(20));
        assertThat(outbox.backOff(4)).isEqualTo(Duration.ofMillis(20));
        assertThat(outbox.backOff(1_000)).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void aSinkThatThrowsIsRetriedLikeOneThatFails() {
        var throwing = new CallEventOutbox("srv1", new CallEventSink() {
            private int calls;

            @Override
            public CompletableFuture<Void> publish(CallEvent event) {
                if (calls++ < 2) {
                    throw new IllegalStateException("producer closed (test)");
                }
                acknowledged.add(event);
                return CompletableFuture.completedFuture(null);
            }
        }, new DialingMetrics(new SimpleMeterRegistry(), "srv1", new Trunks(server, Clock.systemUTC())),
                Duration.ofMillis(5), Duration.ofMillis(20));
        try {
            throwing.publish(event(FLOWING, CallEventType.DIAL_STARTED));

            await().atMost(Duration.ofSeconds(5)).until(() -> throwing.pending() == 0);
            assertThat(acknowledged).extracting(CallEvent::eventId).containsExactly("att-flowing:dial_started");
        } finally {
            throwing.close();
        }
    }

    @Test
    void aBackOffThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> new CallEventOutbox("srv1", brokerRefusingOneLeg, metrics, Duration.ZERO,
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
