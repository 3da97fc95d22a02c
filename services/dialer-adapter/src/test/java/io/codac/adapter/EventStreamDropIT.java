package io.codac.adapter;

import io.codac.adapter.ari.AriSwitchboard;
import io.codac.adapter.testing.SchedulerSide;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.Trunk;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.DialCommand;
import io.codac.contracts.topic.Topics;
import io.codac.sim.SimulatedFleet;
import io.codac.sim.domain.CallTiming;
import io.codac.sim.domain.NumberFate;
import io.codac.sim.domain.SimSettings;
import io.codac.testsupport.Infrastructure;
import io.codac.testsupport.ServiceProperties;
import io.codac.testsupport.TestFleets;
import io.codac.testsupport.TestNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.stream.Stream;

import static io.codac.contracts.event.CallEventType.DIAL_STARTED;
import static io.codac.contracts.event.CallEventType.ENDED;
import static io.codac.contracts.event.CallEventType.RINGING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The server's ARI event WebSocket closes under the adapter while its calls are live (the simulator's
 * events-socket drop: the events in between are lost, as with Asterisk). The adapter reconnects, reconciles and
 * every call still ends once with the right outcome: alerted for the phones that rang (including answered calls
 * that ended unheard in the gap), cause 1 and not alerted for the unallocated number; no number is dialed twice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventStreamDropIT {

    private static final Duration BOUND = Duration.ofSeconds(30);
    /** Its calls reach their failure only seconds after the originate (a latency spike), after the reconnect. */
    private static final String SLOW_TRUNK = "srv1-t2";

    private Infrastructure infra;
    private Fleet fleet;
    private Topics topics;
    private SimulatedFleet sim;
    private SchedulerSide schedulerSide;
    private ConfigurableApplicationContext adapter;

    @BeforeAll
    void startEverything() {
        infra = Infrastructure.shared();
        TestNamespace namespace = infra.newNamespace();
        topics = namespace.topics();
        fleet = TestFleets.fleet(1, 2, 20, 10);
        Path fleetFile = TestFleets.write(fleet);
        infra.createTopics(topics, fleet, 3);
        // Answering phones pick up 1-1.5 s after ringing and hang up 300 ms later: inside the gap, so their
        // answer and end are lost with the socket. Ringing phones ring on until the adapter's flash hang-up.
        sim = SimulatedFleet.start(fleet, SimSettings.fast().withSeed(31).withTiming(CallTiming.fast()
                .withRingBeforeAnswer(Duration.ofMillis(1000), Duration.ofMillis(1500))
                .withAnsweredHangupAfter(Duration.ofMillis(300))
                .withNoAnswerAfter(Duration.ofSeconds(20))));
        schedulerSide = new SchedulerSide(infra.kafkaBootstrapServers(), topics, fleet);
        var properties = new HashMap<>(ServiceProperties.common(infra, namespace, fleetFile));
        properties.put("codac.adapter.server-id", "srv1");
        // Longer than the reconnect (ari4java retries after 2 s): the ringing calls are hung up after it.
        properties.put("codac.adapter.flash-hangup-delay", "4s");
        adapter = new SpringApplicationBuilder(DialerAdapterApplication.class).run(ServiceProperties.asArgs(properties));
    }

    @AfterAll
    void stopEverything() {
        if (adapter != null) {
            adapter.close();
        }
        if (schedulerSide != null) {
            schedulerSide.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void callsLiveWhenTheEventSocketDropsEndOnceWithTheirTrueOutcome() {
        Trunk trunk = fleet.trunk("srv1-t1").orElseThrow();
        Trunk slow = fleet.trunk(SLOW_TRUNK).orElseThrow();
        List<DialCommand> ringing = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 2).stream()
                .map(n -> command(n, trunk)).toList();
        List<DialCommand> answering = sim.numbersWithFate(NumberFate.ANSWERS, 2).stream()
                .map(n -> command(n, trunk)).toList();
        DialCommand unallocated = command(sim.numbersWithFate(NumberFate.UNALLOCATED, 1).getFirst(), slow);
        List<DialCommand> alerting = Stream.concat(ringing.stream(), answering.stream()).toList();
        AriSwitchboard switchboard = adapter.getBean(AriSwitchboard.class);
        await().atMost(BOUND).until(switchboard::isConnected);

        sim.faults().spikeLatency(SLOW_TRUNK, 250); // 20-40 ms post-dial delay becomes 5-10 s
        alerting.forEach(this::send);
        send(unallocated);
        // Polled often: the answering phones pick up a second after ringing, and the drop must come before that.
        await().atMost(BOUND).pollInterval(Duration.ofMillis(20))
                .until(() -> alerting.stream().allMatch(c -> typesOf(c).contains(RINGING))
                && typesOf(unallocated).contains(DIAL_STARTED));
        // The scenario needs every call still live when the socket drops; on a machine too slow to get
        // there before the answering phones pick up, the scenario was not reached: skip, do not guess.
        Assumptions.assumeTrue(Stream.concat(alerting.stream(), Stream.of(unallocated))
                        .noneMatch(c -> typesOf(c).contains(ENDED)),
                "a call ended before the socket could be dropped: the machine is too slow for this scenario");

        assertThat(sim.faults().dropEventSockets("srv1")).isPositive();
        await().atMost(BOUND).until(() -> !switchboard.isConnected());
        await().atMost(BOUND).until(switchboard::isConnected);

        List<DialCommand> all = Stream.concat(alerting.stream(), Stream.of(unallocated)).toList();
        await().atMost(BOUND).until(() -> all.stream().allMatch(c -> typesOf(c).contains(ENDED)));
        for (DialCommand command : alerting) {
            CallEvent ended = ended(command);
            assertThat(ended.signal().alerted()).as("%s alerted", sim.fateOf(command.phoneNumber())).isTrue();
            assertThat(ended.signal().provisional()).isTrue();
        }
        CallEvent failed = ended(unallocated);
        assertThat(failed.signal().q850Cause()).isEqualTo(1);
        assertThat(failed.signal().alerted()).isFalse();
        for (DialCommand command : all) {
            assertThat(distinctEnds(command)).as("ENDED events of %s", command.attemptId()).isEqualTo(1);
            assertThat(sim.cdr(command.phoneNumber())).hasSize(1);
        }
        assertThat(sim.stats().concurrentDoubleDials()).isZero();
        assertThat(sim.stats().redialsAfterAlerting()).isZero();
    }

    // --- the scheduler's side -------------------------------------------------------------------------

    private DialCommand command(String number, Trunk trunk) {
        return SchedulerSide.command(number, trunk, Duration.ofSeconds(60));
    }

    private void send(DialCommand command) {
        schedulerSide.send(command);
    }

    private List<CallEventType> typesOf(DialCommand command) {
        return schedulerSide.typesOf(command);
    }

    private CallEvent ended(DialCommand command) {
        return schedulerSide.ended(command);
    }

    private long distinctEnds(DialCommand command) {
        return schedulerSide.distinctEnds(command);
    }

}
