package io.codac.adapter.dialing;

import io.codac.adapter.call.domain.CallLegMachine;
import io.codac.adapter.call.domain.FlashCallPolicy;
import io.codac.adapter.reconcile.domain.OpenAttempt;
import io.codac.adapter.reconcile.domain.Reconciliation;
import io.codac.contracts.domain.AriEndpoint;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.CallLeg;
import io.codac.testsupport.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The reconciler acting on its decisions, with the adapter's real live calls and outbox and in-memory ports. */
class ReconcilerTest {

    private static final Duration BOUND = Duration.ofSeconds(5);

    private final MutableClock clock = MutableClock.atNoon();
    private final TelephonyServer server = new TelephonyServer("srv1",
            new AriEndpoint("http://127.0.0.1:1/", "codac", "codac", "codac"),
            List.of(new Trunk("trunk-a", "carrier", 0, 10, 2)), List.of());
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Trunks trunks = new Trunks(server, clock);
    private final DialingMetrics metrics = new DialingMetrics(registry, server.id(), trunks);
    private final InMemoryPorts.Events events = new InMemoryPorts.Events();
    private final InMemoryPorts.FakeSwitchboard switchboard = new InMemoryPorts.FakeSwitchboard();
    private final InMemoryPorts.OpenAttemptsInMemory open = new InMemoryPorts.OpenAttemptsInMemory();
    private final CallEventOutbox outbox =
            new CallEventOutbox(server.id(), events, metrics, Duration.ofMillis(5), Duration.ofMillis(40));
    private final LiveCalls liveCalls = new LiveCalls(server.id(), new CallLegMachine(clock, FlashCallPolicy.defaults()),
            switchboard, outbox, trunks, metrics, clock);
    private final Reconciler reconciler =
            new Reconciler(server.id(), switchboard, open, liveCalls, outbox, clock, registry);

    {
        outbox.onAcknowledged(e -> {
            if (e.type() == CallEventType.ENDED) {
                open.forget(e.leg().attemptId());
            }
        });
    }

    @AfterEach
    void stop() {
        reconciler.close();
        liveCalls.close();
        outbox.close();
    }

    private OpenAttempt attempt(String id) {
        return new OpenAttempt(new CallLeg(id, "ver-" + id, "+919812345678", "trunk-a", "srv1"), 10,
                clock.instant().minusSeconds(20));
    }

    @Test
    void aPredecessorsLiveChannelIsAdoptedAndHungUpNeverOriginated() {
        open.record(attempt("att-1"));
        switchboard.channels.put("att-1", "Down");

        var decisions = reconciler.reconcile();

        assertThat(decisions).singleElement().isInstanceOf(Reconciliation.Adopt.class);
        await().atMost(BOUND).until(() -> liveCalls.followed().contains("att-1"));
        // its 10 s ring window passed: hung up at once
        await().atMost(BOUND).until(() -> switchboard.hungUp.contains("att-1:RING_TIMEOUT"));
        assertThat(switchboard.originated).isEmpty();
        liveCalls.signal("att-1", new io.codac.adapter.call.domain.AriSignal.ChannelDestroyed(16, "Normal", null));
        await().atMost(BOUND).until(() -> open.all().isEmpty());
        assertThat(events.published).extracting(e -> e.type())
                .containsExactly(CallEventType.DIAL_STARTED, CallEventType.ENDED);
    }

    @Test
    void anOpenAttemptWithoutChannelIsReportedLostOnceAndForgotten() {
        open.record(attempt("att-2"));

        reconciler.reconcile();

        await().atMost(BOUND).until(() -> open.all().isEmpty());
        assertThat(events.published).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(CallEventType.ENDED);
            assertThat(e.signal().provisional()).isFalse();
        });
        assertThat(reconciler.reconcile()).isEmpty();
        assertThat(switchboard.originated).isEmpty();
    }

    @Test
    void nothingIsDecidedWhenTheServerDoesNotListItsChannels() {
        open.record(attempt("att-3"));
        switchboard.channels = null;

        assertThat(reconciler.reconcile()).isEmpty();
        assertThat(open.all()).hasSize(1);
        assertThat(events.tries).isEmpty();
    }

    @Test
    void aGracefulStopWaitsForTheLiveCallsToEndAndSaysWhenSomeAreLeft() throws Exception {
        open.record(attempt("att-4"));
        switchboard.channels.put("att-4", "Down");
        reconciler.reconcile();
        await().atMost(BOUND).until(() -> liveCalls.count() == 1);

        assertThat(liveCalls.awaitNoLiveCalls(Duration.ofMillis(20))).isFalse();

        liveCalls.signal("att-4", new io.codac.adapter.call.domain.AriSignal.ChannelDestroyed(16, "Normal", null));
        assertThat(liveCalls.awaitNoLiveCalls(BOUND)).isTrue();
    }

    @Test
    void anAttemptClaimedHereButNotYetOriginatedIsNeverReportedLost() throws Exception {
        // What the command handler does: follow the leg, claim (which records it open), then originate.
        var permit = ((io.codac.adapter.trunk.domain.Admission.Admitted) trunks.acquire("trunk-a",
                clock.instant().plusSeconds(1))).permit();
        OpenAttempt claimed = liveCalls.follow(attempt("att-5").identity(), 10, permit).orElseThrow();
        open.record(claimed);

        var decisions = reconciler.reconcile();

        assertThat(decisions).noneMatch(d -> d instanceof Reconciliation.ReportLost);
        liveCalls.originate(new Switchboard.OriginateRequest("att-5", "PJSIP/+919812345678@trunk-a", "codac",
                "+3311", 10, java.util.Map.of()));
        await().atMost(BOUND).until(() -> !events.published.isEmpty());
        assertThat(events.published).extracting(e -> e.type()).containsExactly(CallEventType.DIAL_STARTED);
        assertThat(switchboard.originated).singleElement().extracting(Switchboard.OriginateRequest::channelId)
                .isEqualTo("att-5");
        liveCalls.signal("att-5", new io.codac.adapter.call.domain.AriSignal.ChannelDestroyed(16, "Normal", null));
        assertThat(liveCalls.awaitNoLiveCalls(BOUND)).isTrue();
    }

    @Test
    void aLegAlreadyFollowedHereIsNotFollowedTwice() {
        switchboard.channels.put("att-6", "Ringing");
        open.record(attempt("att-6"));
        reconciler.reconcile();
        await().atMost(BOUND).until(() -> liveCalls.followed().contains("att-6"));

        assertThat(liveCalls.follow(attempt("att-6").identity(), 10, null)).isEmpty();
    }
}
