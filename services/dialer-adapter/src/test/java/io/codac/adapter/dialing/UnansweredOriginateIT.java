package io.codac.adapter.dialing;

import ch.loway.oss.ari4java.AriVersion;
import io.codac.adapter.ari.AriSwitchboard;
import io.codac.adapter.call.domain.CallLegMachine;
import io.codac.adapter.call.domain.FlashCallPolicy;
import io.codac.adapter.call.domain.InboundCalls;
import io.codac.adapter.call.domain.HangUpReason;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.DialCommand;
import io.codac.sim.SimulatedFleet;
import io.codac.sim.domain.CallRecord;
import io.codac.sim.domain.NumberFate;
import io.codac.sim.domain.SimSettings;
import io.codac.testsupport.TestFleets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static io.codac.contracts.event.CallEventType.DIAL_STARTED;
import static io.codac.contracts.event.CallEventType.ENDED;
import static io.codac.contracts.event.CallEventType.RINGING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An originate whose HTTP answer is lost, against the telephony simulator through ari4java: the request
 * was queued on the server, our hang-up of the channel id arrived before the channel existed (a 404), and
 * then the queued originate created the channel and it rang. The adapter must keep following the leg, clear
 * the channel, and report how the call really ended, never "route failure, no provisional reply" while the
 * number rings.
 */
class UnansweredOriginateIT {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final Clock clock = Clock.systemUTC();
    private final Fleet fleet = TestFleets.fleet(1, 1, 20, 5);
    private final TelephonyServer server = fleet.servers().getFirst();
    private final InMemoryPorts.Events events = new InMemoryPorts.Events();
    private SimulatedFleet sim;
    private AriSwitchboard ari;
    private AnswerLostSwitchboard switchboard;
    private CallEventOutbox outbox;
    private LiveCalls liveCalls;
    private Trunks trunks;
    private DialCommandHandler handler;

    /**
     * Loses every originate's answer, and lets the server get to the originate only a moment later (a busy
     * server's queue): our first hang-up of the channel id finds no channel (a 404), then the channel appears.
     */
    private static final class AnswerLostSwitchboard implements Switchboard {
        private static final Duration SERVER_QUEUE_DELAY = Duration.ofMillis(150);
        private final AriSwitchboard server;
        private final ScheduledExecutorService serverQueue = Executors.newSingleThreadScheduledExecutor();
        final List<String> hangUps = new CopyOnWriteArrayList<>();

        AnswerLostSwitchboard(AriSwitchboard server) {
            this.server = server;
        }

        @Override
        public OriginateResult originate(OriginateRequest request) {
            serverQueue.schedule(() -> server.originate(request), SERVER_QUEUE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            return new OriginateResult.OutcomeUnknown("read timeout (test: the answer was lost)");
        }

        @Override
        public void hangUp(String channelId, HangUpReason reason) {
            hangUps.add(channelId + ":" + reason);
            server.hangUp(channelId, reason);
        }

        @Override
        public java.util.Optional<java.util.Map<String, String>> liveChannels() {
            return server.liveChannels();
        }

        @Override
        public void reject(String channelId, String reason) {
            server.reject(channelId, reason);
        }

        @Override
        public boolean isConnected() {
            return server.isConnected();
        }

        void close() {
            serverQueue.shutdownNow();
        }
    }

    @BeforeEach
    void start() {
        sim = SimulatedFleet.start(fleet, SimSettings.fast().withSeed(7));
        ari = new AriSwitchboard(server.id(), server.ari(), AriVersion.ARI_8_0_0);
        switchboard = new AnswerLostSwitchboard(ari);
        trunks = new Trunks(server, clock);
        var metrics = new DialingMetrics(new SimpleMeterRegistry(), server.id(), trunks);
        outbox = new CallEventOutbox(server.id(), events, metrics, Duration.ofMillis(50), Duration.ofSeconds(1));
        liveCalls = new LiveCalls(server.id(), new CallLegMachine(clock,
                new FlashCallPolicy(Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(30))),
                switchboard, outbox, trunks, metrics, clock);
        ari.connect(liveCalls, new InboundCallHandler(new InboundCalls(clock, server.id()), switchboard, outbox,
                metrics));
        handler = new DialCommandHandler(server, trunks, new InMemoryPorts.Claims(), switchboard, liveCalls, events,
                metrics, clock, Duration.ofMillis(250));
        await().atMost(BOUND).until(ari::isConnected);
    }

    @AfterEach
    void stop() {
        if (liveCalls != null) {
            liveCalls.close();
        }
        if (outbox != null) {
            outbox.close();
        }
        if (switchboard != null) {
            switchboard.close();
        }
        if (ari != null) {
            ari.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aChannelCreatedAfterItsOriginateWentUnansweredIsClearedAndReportedAsItReallyEnded() throws Exception {
        String number = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 1).getFirst();
        String trunkId = server.trunks().getFirst().id();
        var command = new DialCommand("cmd-1", Instant.now(), "att-late-channel", "ver-1", number, trunkId,
                server.id(), 1, "+918000000001", 10, Instant.now().plusSeconds(30));

        handler.handle(command);

        await().atMost(BOUND).until(() -> types().contains(ENDED) && sim.cdr(number).stream()
                .allMatch(record -> record.endedAt() != null) && !sim.cdr(number).isEmpty());
        CallRecord record = sim.cdr(number).getFirst();
        CallEvent ended = events.published.getLast();
        assertThat(types()).startsWith(DIAL_STARTED).endsWith(ENDED).doesNotHaveDuplicates();
        assertThat(record.channelId()).isEqualTo("att-late-channel");
        // Cleared by our hang-up, not left to ring until the network's ring limit.
        assertThat(record.cause()).isEqualTo(16);
        assertThat(ended.signal().hungUpByUs()).isTrue();
        // The report tells the truth: whatever rang is reported as rung (the scheduler never dials it again).
        assertThat(ended.signal().alerted()).isEqualTo(record.ringingAt() != null);
        assertThat(types().contains(RINGING)).isEqualTo(record.ringingAt() != null);
        // Asked at once for the id, and again once the channel showed itself.
        assertThat(switchboard.hangUps).startsWith("att-late-channel:ORIGINATE_OUTCOME_UNKNOWN",
                "att-late-channel:ORIGINATE_OUTCOME_UNKNOWN");
        assertThat(liveCalls.count()).isZero();
        assertThat(trunks.load(trunkId).liveChannels()).isZero();
        assertThat(sim.stats().concurrentDoubleDials()).isZero();
    }

    private List<CallEventType> types() {
        return events.published.stream().map(CallEvent::type).toList();
    }
}
