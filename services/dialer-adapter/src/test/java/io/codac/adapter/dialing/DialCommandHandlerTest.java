package io.codac.adapter.dialing;

import io.codac.adapter.call.domain.AriSignal;
import io.codac.adapter.call.domain.CallLegMachine;
import io.codac.adapter.call.domain.FlashCallPolicy;
import io.codac.contracts.domain.AriEndpoint;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.domain.Trunk;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.DialCommand;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.codac.contracts.event.CallEventType.DIAL_STARTED;
import static io.codac.contracts.event.CallEventType.ENDED;
import static io.codac.contracts.event.CallEventType.REJECTED_NO_CAPACITY;
import static io.codac.contracts.event.CallEventType.RINGING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The use case against in-memory ports: claim before dial, capacity before claim, hand-backs never after a dial. */
class DialCommandHandlerTest {

    private static final String NUMBER = "+33612345678";

    private final Clock clock = Clock.systemUTC();
    private final TelephonyServer server = new TelephonyServer("srv1",
            new AriEndpoint("http://127.0.0.1:8091/", "codac", "codac", "codac-app"),
            List.of(new Trunk("trunk-a", "carrier", 0, 50, 1), new Trunk("trunk-b", "carrier", 1, 50, 5)), List.of());
    private final InMemoryPorts.Claims claims = new InMemoryPorts.Claims();
    private final InMemoryPorts.Events events = new InMemoryPorts.Events();
    private final InMemoryPorts.FakeSwitchboard switchboard = new InMemoryPorts.FakeSwitchboard();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Trunks trunks = new Trunks(server, clock);
    private final DialingMetrics metrics = new DialingMetrics(registry, server.id(), trunks);
    private final CallEventOutbox outbox =
            new CallEventOutbox(server.id(), events, metrics, Duration.ofMillis(5), Duration.ofMillis(40));
    private final LiveCalls liveCalls = liveCalls(Duration.ofSeconds(5));
    private final DialCommandHandler handler = handler(liveCalls);

    private LiveCalls liveCalls(Duration hangUpConfirmation) {
        return new LiveCalls(server.id(),
                new CallLegMachine(clock, new FlashCallPolicy(Duration.ZERO, hangUpConfirmation, Duration.ofSeconds(30))),
                switchboard, outbox, trunks, metrics, clock);
    }

    private DialCommandHandler handler(LiveCalls calls) {
        return new DialCommandHandler(server, trunks, claims, switchboard, calls, events, metrics, clock,
                Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        liveCalls.close();
        outbox.close();
    }

    private static DialCommand command(String attemptId, String trunkId) {
        return new DialCommand("cmd-" + attemptId, Instant.now(), attemptId, "ver-" + attemptId, NUMBER, trunkId, "srv1",
                1, "+3311", 20, Instant.now().plusSeconds(30));
    }

    private List<CallEventType> typesOf(String attemptId) {
        return events.published.stream().filter(e -> e.leg().attemptId().equals(attemptId)).map(CallEvent::type).toList();
    }

    @Test
    void aClaimedCommandIsOriginatedWithTheAttemptIdAsChannelIdOnItsTrunk() throws Exception {
        handler.handle(command("att-1", "trunk-b"));

        assertThat(switchboard.originated).containsExactly(new Switchboard.OriginateRequest("att-1",
                "PJSIP/" + NUMBER + "@trunk-b", "codac-app", "+3311", 20,
                Map.of("CODAC_ATTEMPT_ID", "att-1", "CODAC_VERIFICATION_ID", "ver-att-1")));
        assertThat(claims.claimed).containsExactly("att-1");
        // recorded open with its claim, so a successor of a process killed before the originate reports it
        assertThat(claims.open.all()).singleElement().satisfies(open -> {
            assertThat(open.identity().trunkId()).isEqualTo("trunk-b");
            assertThat(open.ringTimeoutSeconds()).isEqualTo(20);
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> typesOf("att-1").equals(List.of(DIAL_STARTED)));
        assertThat(trunks.load("trunk-b").liveChannels()).isEqualTo(1);
        assertThat(registry.get("codac.adapter.originates").tag("result", "accepted").counter().count()).isEqualTo(1);
    }

    @Test
    void aCommandDeliveredTwiceIsOriginatedOnceAndTheDuplicateGivesBackItsCapacity() throws Exception {
        handler.handle(command("att-1", "trunk-b"));
        handler.handle(command("att-1", "trunk-b"));

        assertThat(switchboard.originated).hasSize(1);
        assertThat(trunks.load("trunk-b").liveChannels()).isEqualTo(1);
        assertThat(trunks.load("trunk-b").callsInLastSecond()).isEqualTo(1);
        assertThat(registry.get("codac.adapter.duplicates.skipped").counter().count()).isEqualTo(1);
        assertThat(typesOf("att-1")).doesNotContain(REJECTED_NO_CAPACITY);
        assertThat(liveCalls.followed()).containsExactly("att-1");
    }

    @Test
    void aCommandClaimedByAnotherProcessIsNeitherDialedNorFollowedHere() throws Exception {
        claims.claimed.add("att-1"); // a predecessor's claim, or another server's

        handler.handle(command("att-1", "trunk-b"));

        assertThat(switchboard.originated).isEmpty();
        assertThat(liveCalls.followed()).isEmpty();
        assertThat(trunks.load("trunk-b").liveChannels()).isZero();
        assertThat(registry.get("codac.adapter.duplicates.skipped").counter().count()).isEqualTo(1);
    }

    @Test
    void theServerEventsOfAPlacedCallArePublishedInOrderAndEndingFreesTheChannel() throws Exception {
        handler.handle(command("att-1", "trunk-a"));
        liveCalls.signal("att-1", new AriSignal.FarEndRinging());
        await().atMost(Duration.ofSeconds(5)).until(() -> switchboard.hungUp.contains("att-1:FLASH_AFTER_RINGING"));
        liveCalls.signal("att-1", new AriSignal.ChannelDestroyed(16, "Normal Clearing", null));

        await().atMost(Duration.ofSeconds(5)).until(() -> typesOf("att-1").contains(ENDED));
        assertThat(typesOf("att-1")).containsExactly(DIAL_STARTED, RINGING, ENDED);
        CallEvent ended = events.published.getLast();
        assertThat(ended.signal().alerted()).isTrue();
        assertThat(ended.signal().hungUpByUs()).isTrue();
        assertThat(ended.leg().serverId()).isEqualTo("srv1");
        assertThat(liveCalls.count()).isZero();
        assertThat(trunks.load("trunk-a").liveChannels()).isZero();
        assertThat(trunks.usage().getFirst().connects()).isEqualTo(1);
    }

    @Test
    void aFailedOriginateIsReportedEndedAsARouteFailureAndFreesTheChannel() throws Exception {
        switchboard.nextResult = new Switchboard.OriginateResult.Refused(500, "Allocation failed");

        handler.handle(command("att-1", "trunk-a"));

        await().atMost(Duration.ofSeconds(5)).until(() -> typesOf("att-1").equals(List.of(ENDED)));
        CallEvent ended = events.published.getLast();
        assertThat(ended.signal().provisional()).isFalse();
        assertThat(ended.signal().alerted()).isFalse();
        assertThat(trunks.load("trunk-a").liveChannels()).isZero();
        assertThat(trunks.usage().getFirst().routeFailures()).isEqualTo(1);
    }

    @Test
    void aTrunkWithEveryChannelBusyHandsTheCommandBackWithoutDialingOrClaiming() throws Exception {
        handler.handle(command("att-1", "trunk-a")); // trunk-a has one channel

        handler.handle(command("att-2", "trunk-a"));

        assertThat(switchboard.originated).extracting(Switchboard.OriginateRequest::channelId).containsExactly("att-1");
        assertThat(typesOf("att-2")).containsExactly(REJECTED_NO_CAPACITY);
        assertThat(claims.claimed).doesNotContain("att-2");
        assertThat(events.published.stream().filter(e -> e.type() == REJECTED_NO_CAPACITY).findFirst().orElseThrow()
                .causeText()).contains("channel");
    }

    @Test
    void aCommandWaitingForAChannelIsPlacedWhenACallEndsWithinTheWindow() throws Exception {
        var slowHandler = new DialCommandHandler(server, trunks, claims, switchboard, liveCalls, events, metrics, clock,
                Duration.ofSeconds(10));
        slowHandler.handle(command("att-1", "trunk-a"));
        await().atMost(Duration.ofSeconds(5)).until(() -> typesOf("att-1").contains(DIAL_STARTED));

        Thread waiting = Thread.ofVirtual().start(() -> {
            try {
                slowHandler.handle(command("att-2", "trunk-a"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        liveCalls.signal("att-1", new AriSignal.ChannelDestroyed(1, "Unallocated", null));
        waiting.join(Duration.ofSeconds(10));

        assertThat(switchboard.originated).extracting(Switchboard.OriginateRequest::channelId)
                .containsExactly("att-1", "att-2");
    }

    @Test
    void aCommandPastItsNotAfterIsHandedBack() throws Exception {
        var expired = new DialCommand("cmd", Instant.now().minusSeconds(60), "att-1", "ver-1", NUMBER, "trunk-b", "srv1",
                1, null, 20, Instant.now().minusSeconds(1));

        handler.handle(expired);

        assertThat(switchboard.originated).isEmpty();
        assertThat(typesOf("att-1")).containsExactly(REJECTED_NO_CAPACITY);
        assertThat(trunks.usage().get(1).commandLagMillis()).isGreaterThanOrEqualTo(59_000);
    }

    @Test
    void aCommandForATrunkOfAnotherServerIsHandedBackNeverDialed() throws Exception {
        handler.handle(command("att-1", "trunk-z"));

        assertThat(switchboard.originated).isEmpty();
        assertThat(typesOf("att-1")).containsExactly(REJECTED_NO_CAPACITY);
    }

    @Test
    void whileTheServerIsUnreachableCommandsAreHandedBackAndNeverDialedLater() throws Exception {
        switchboard.connected = false;
        handler.handle(command("att-1", "trunk-b"));
        assertThat(typesOf("att-1")).containsExactly(REJECTED_NO_CAPACITY);

        switchboard.connected = true;
        handler.handle(command("att-1", "trunk-b")); // redelivered after the scheduler re-placed it elsewhere

        assertThat(switchboard.originated).isEmpty();
        assertThat(typesOf("att-1")).containsExactly(REJECTED_NO_CAPACITY, REJECTED_NO_CAPACITY);
        assertThat(events.published).extracting(CallEvent::eventId).containsOnly("att-1:rejected_no_capacity");
        assertThat(trunks.load("trunk-b").liveChannels()).isZero();
    }

    @Test
    void anAlreadyDialedCommandRedeliveredWhileTheServerIsUnreachableIsNotReportedAsNeverDialed() throws Exception {
        handler.handle(command("att-1", "trunk-b"));
        switchboard.connected = false;

        handler.handle(command("att-1", "trunk-b"));

        assertThat(typesOf("att-1")).doesNotContain(REJECTED_NO_CAPACITY);
        assertThat(switchboard.originated).hasSize(1);
    }

    @Test
    void whileDrainingEveryCommandIsHandedBackUndialedAndAfterResumingCallsArePlacedAgain() throws Exception {
        Drain drain = new Drain();
        var draining = new DialCommandHandler(server, trunks, claims, switchboard, liveCalls(Duration.ofSeconds(5)),
                events, metrics, clock, Duration.ofMillis(50), drain);
        drain.drain();

        draining.handle(command("att-1", "trunk-a"));

        assertThat(switchboard.originated).isEmpty();
        assertThat(typesOf("att-1")).containsExactly(REJECTED_NO_CAPACITY);
        assertThat(registry.get("codac.adapter.rejections").tag("reason", "draining").counter().count()).isOne();

        assertThat(drain.resume()).isTrue();
        draining.handle(command("att-2", "trunk-a"));
        assertThat(switchboard.originated).extracting(Switchboard.OriginateRequest::channelId).containsExactly("att-2");
        // the handed-back attempt stays handed back: a redelivery is reported again, never dialed
        draining.handle(command("att-1", "trunk-a"));
        assertThat(switchboard.originated).hasSize(1);
    }

    @Test
    void attemptsConnectsAndRouteFailuresAreCountedPerDestinationOperator() throws Exception {
        var byOperator = new DialingMetrics(registry, server.id(), trunks, number -> "Operator-" + number.substring(3, 4));
        var calls = new LiveCalls(server.id(), new CallLegMachine(clock,
                new FlashCallPolicy(Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(30))),
                switchboard, outbox, trunks, byOperator, clock);
        var counting = new DialCommandHandler(server, trunks, claims, switchboard, calls, events, byOperator, clock,
                Duration.ofMillis(50));
        try {
            counting.handle(command("att-1", "trunk-a"));
            calls.signal("att-1", new io.codac.adapter.call.domain.AriSignal.FarEndRinging());
            calls.signal("att-1", new io.codac.adapter.call.domain.AriSignal.ChannelDestroyed(16, "Normal", null));
            await().atMost(Duration.ofSeconds(5)).until(() -> calls.count() == 0);
            String operator = "Operator-" + command("att-1", "trunk-a").phoneNumber().substring(3, 4);

            assertThat(registry.get("codac.adapter.operator.attempts").tag("operator", operator).counter().count())
                    .isOne();
            assertThat(registry.get("codac.adapter.operator.connects").tag("operator", operator).counter().count())
                    .isOne();
            assertThat(registry.find("codac.adapter.operator.route.failures").counter()).isNull();
        } finally {
            calls.close();
        }
    }

    @Test
    void aClaimThatFailsGivesBackTheCapacityAndFailsTheCommandSoItIsRedelivered() {
        claims.failure = new IllegalStateException("redis down");

        assertThatThrownBy(() -> handler.handle(command("att-1", "trunk-a"))).hasMessageContaining("redis down");

        assertThat(switchboard.originated).isEmpty();
        assertThat(trunks.load("trunk-a").liveChannels()).isZero();
        assertThat(trunks.load("trunk-a").callsInLastSecond()).isZero();
        assertThat(liveCalls.followed()).isEmpty();
    }

    // ---- an originate without an answer ----

    @Test
    void anOriginateWithoutAnswerKeepsItsLegAndChannelAsksForTheHangUpAndReportsTheRingingThatFollows()
            throws Exception {
        switchboard.nextResult = new Switchboard.OriginateResult.OutcomeUnknown("read timeout");

        handler.handle(command("att-1", "trunk-a"));

        await().atMost(Duration.ofSeconds(5)).until(() -> switchboard.hungUp.contains("att-1:ORIGINATE_OUTCOME_UNKNOWN"));
        assertThat(typesOf("att-1")).isEmpty(); // no ENDED: the scheduler must not dial the number elsewhere yet
        assertThat(liveCalls.count()).isOne();
        assertThat(trunks.load("trunk-a").liveChannels()).isOne();
        assertThat(registry.get("codac.adapter.originates").tag("result", "unknown").counter().count()).isEqualTo(1);

        // The queued originate created the channel after all, and it rang before our hang-up reached it.
        liveCalls.signal("att-1", new AriSignal.FarEndRinging());
        liveCalls.signal("att-1", new AriSignal.ChannelDestroyed(16, "Normal Clearing", null));

        await().atMost(Duration.ofSeconds(5)).until(() -> typesOf("att-1").contains(ENDED));
        assertThat(typesOf("att-1")).containsExactly(DIAL_STARTED, RINGING, ENDED);
        assertThat(events.published.getLast().signal().alerted()).isTrue();
        assertThat(liveCalls.count()).isZero();
        assertThat(trunks.load("trunk-a").liveChannels()).isZero();
    }

    @Test
    void anOriginateWithoutAnswerThatTheServerNeverMentionsEndsAtTheHangUpConfirmation() throws Exception {
        LiveCalls quickToGiveUp = liveCalls(Duration.ofMillis(200));
        try {
            switchboard.nextResult = new Switchboard.OriginateResult.OutcomeUnknown("connection reset");

            handler(quickToGiveUp).handle(command("att-1", "trunk-a"));

            await().atMost(Duration.ofSeconds(5)).until(() -> typesOf("att-1").contains(ENDED));
            assertThat(typesOf("att-1")).containsExactly(ENDED);
            CallEvent ended = events.published.getLast();
            assertThat(ended.signal().alerted()).isFalse();
            assertThat(ended.signal().provisional()).isFalse();
            assertThat(ended.causeText()).contains("connection reset");
            assertThat(switchboard.hungUp).containsExactly("att-1:ORIGINATE_OUTCOME_UNKNOWN", "att-1:UNCONFIRMED");
            assertThat(trunks.load("trunk-a").liveChannels()).isZero();
        } finally {
            quickToGiveUp.close();
        }
    }

    // ---- the broker away ----

    @Test
    void callEventsTheBrokerDoesNotAcknowledgeAreRetriedWithTheirIdsInLegOrderUntilItDoes() throws Exception {
        events.brokerDown = true;
        handler.handle(command("att-1", "trunk-a"));
        liveCalls.signal("att-1", new AriSignal.FarEndRinging());
        liveCalls.signal("att-1", new AriSignal.ChannelDestroyed(16, "Normal Clearing", null));
        await().atMost(Duration.ofSeconds(5)).until(() -> liveCalls.count() == 0 && outbox.pending() == 3
                && retries() >= 3);
        assertThat(events.published).isEmpty();

        events.brokerDown = false;

        await().atMost(Duration.ofSeconds(5)).until(() -> typesOf("att-1").contains(ENDED));
        assertThat(typesOf("att-1")).containsExactly(DIAL_STARTED, RINGING, ENDED);
        assertThat(events.published).extracting(CallEvent::eventId)
                .containsExactly("att-1:dial_started", "att-1:ringing", "att-1:ended");
        // One event of a leg in flight at a time: RINGING was first tried only once DIAL_STARTED was acknowledged.
        List<CallEventType> tried = events.tries.stream().map(CallEvent::type).toList();
        assertThat(tried.indexOf(RINGING)).isGreaterThan(tried.lastIndexOf(DIAL_STARTED));
        assertThat(tried.indexOf(ENDED)).isGreaterThan(tried.lastIndexOf(RINGING));
        assertThat(outbox.pending()).isZero();
    }

    @Test
    void aHandBackTheBrokerDoesNotAcknowledgeFailsTheCommandAndItsRedeliveryReportsItAgainNeverDialing()
            throws Exception {
        switchboard.connected = false;
        events.brokerDown = true;

        assertThatThrownBy(() -> handler.handle(command("att-1", "trunk-b"))) // the consumer commits nothing
                .hasMessageContaining("att-1:rejected_no_capacity");
        assertThat(events.published).isEmpty();

        events.brokerDown = false;
        switchboard.connected = true;
        handler.handle(command("att-1", "trunk-b")); // the redelivery

        assertThat(events.published).extracting(CallEvent::eventId).containsExactly("att-1:rejected_no_capacity");
        assertThat(switchboard.originated).isEmpty();
    }

    // ---- what goes into a dial string ----

    @Test
    void aNumberThatIsNotE164IsNeverClaimedNorDialed() {
        var command = new DialCommand("cmd", Instant.now(), "att-1", "ver-1", "+33612345678&PJSIP/+4930@trunk-b",
                "trunk-b", "srv1", 1, null, 20, Instant.now().plusSeconds(30));

        assertThatThrownBy(() -> handler.handle(command)).isInstanceOf(IllegalArgumentException.class);

        assertThat(switchboard.originated).isEmpty();
        assertThat(claims.claimed).isEmpty();
        assertThat(trunks.load("trunk-b").callsInLastSecond()).isZero();
    }

    private double retries() {
        return registry.find("codac.adapter.call.events.publish.retries").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
