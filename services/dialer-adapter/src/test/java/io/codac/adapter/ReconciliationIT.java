package io.codac.adapter;

import io.codac.adapter.ari.AriSwitchboard;
import ch.loway.oss.ari4java.AriVersion;
import io.codac.adapter.call.domain.HangUpReason;
import io.codac.adapter.testing.SchedulerSide;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.TelephonyServer;
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
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import static io.codac.contracts.event.CallEventType.DIAL_STARTED;
import static io.codac.contracts.event.CallEventType.ENDED;
import static io.codac.contracts.event.CallEventType.RINGING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An adapter stopped in the middle of its calls and a new one started for the same server, on the real broker
 * and Redis against the simulator: the new adapter adopts the call still ringing and ends it, reports the one
 * that ended while nobody listened as lost, and dials neither again, not even when the command is replayed.
 * (With {@code shutdown-call-drain} at 0, stopping the context leaves the server's channels exactly as a
 * {@code kill -9} would: nothing hangs them up.)
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReconciliationIT {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private Infrastructure infra;
    private TestNamespace namespace;
    private Fleet fleet;
    private Path fleetFile;
    private Topics topics;
    private SimulatedFleet sim;
    private SchedulerSide schedulerSide;
    private final List<ConfigurableApplicationContext> adapters = new ArrayList<>();

    @BeforeAll
    void startEverything() {
        infra = Infrastructure.shared();
        namespace = infra.newNamespace();
        topics = namespace.topics();
        fleet = TestFleets.fleet(1, 1, 20, 5);
        fleetFile = TestFleets.write(fleet);
        infra.createTopics(topics, fleet, 3);
        // Phones ring until someone hangs up: the adapters, not the network, end these calls.
        sim = SimulatedFleet.start(fleet, SimSettings.fast().withSeed(11)
                .withTiming(CallTiming.fast().withNoAnswerAfter(Duration.ofSeconds(60))));
        schedulerSide = new SchedulerSide(infra.kafkaBootstrapServers(), topics, fleet);
    }

    private ConfigurableApplicationContext startAdapter(String flashHangupDelay) {
        var properties = new HashMap<>(ServiceProperties.common(infra, namespace, fleetFile));
        properties.put("codac.adapter.server-id", "srv1");
        properties.put("codac.adapter.flash-hangup-delay", flashHangupDelay);
        properties.put("codac.adapter.shutdown-call-drain", "0s");
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(DialerAdapterApplication.class).run(ServiceProperties.asArgs(properties));
        adapters.add(context);
        return context;
    }

    @AfterAll
    void stopEverything() {
        adapters.forEach(ConfigurableApplicationContext::close);
        if (schedulerSide != null) {
            schedulerSide.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aRestartedAdapterAdoptsTheCallStillRingingReportsTheOneThatEndedUnheardAndDialsNeitherAgain() {
        Trunk trunk = fleet.trunk("srv1-t1").orElseThrow();
        TelephonyServer server = fleet.server("srv1").orElseThrow();
        List<String> numbers = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 2);
        DialCommand stillRinging = command(numbers.get(0), trunk);
        DialCommand endsUnheard = command(numbers.get(1), trunk);

        // The first adapter would let its phones ring for a minute: it is stopped while both ring.
        ConfigurableApplicationContext first = startAdapter("60s");
        send(stillRinging);
        send(endsUnheard);
        await().atMost(BOUND).until(() -> typesOf(stillRinging).contains(RINGING)
                && typesOf(endsUnheard).contains(RINGING));
        first.close();

        // While no adapter listens, one call ends on the server.
        try (var ari = new AriSwitchboard("srv1", server.ari(), AriVersion.ARI_8_0_0)) {
            ari.hangUp(endsUnheard.attemptId(), HangUpReason.REQUESTED);
            await().atMost(BOUND).until(() -> sim.cdr(endsUnheard.phoneNumber()).getFirst().endedAt() != null);
        }
        assertThat(sim.cdr(stillRinging.phoneNumber()).getFirst().endedAt()).isNull();

        ConfigurableApplicationContext second = startAdapter("200ms");

        await().atMost(BOUND).until(() -> typesOf(stillRinging).contains(ENDED) && typesOf(endsUnheard).contains(ENDED));
        CallEvent adoptedEnd = ended(stillRinging);
        assertThat(adoptedEnd.signal().alerted()).isTrue();
        assertThat(adoptedEnd.signal().hungUpByUs()).isTrue();
        assertThat(sim.cdr(stillRinging.phoneNumber())).singleElement()
                .satisfies(record -> assertThat(record.cause()).isEqualTo(16));
        CallEvent lost = ended(endsUnheard);
        assertThat(lost.signal().provisional()).isFalse();
        assertThat(lost.causeText()).startsWith("lost");
        assertThat(reconciliations(second, "Adopt")).isEqualTo(1);
        assertThat(reconciliations(second, "ReportLost")).isEqualTo(1);

        // A replay of both commands after the restart dials nothing.
        double skippedBefore = duplicatesSkipped(second);
        send(stillRinging);
        send(endsUnheard);
        await().atMost(BOUND).until(() -> duplicatesSkipped(second) >= skippedBefore + 2);

        for (DialCommand command : List.of(stillRinging, endsUnheard)) {
            assertThat(sim.cdr(command.phoneNumber())).hasSize(1);
            assertThat(distinctEnds(command)).isEqualTo(1);
            assertThat(typesOf(command)).startsWith(DIAL_STARTED);
        }
        assertThat(sim.stats().concurrentDoubleDials()).isZero();
        assertThat(sim.stats().redialsAfterAlerting()).isZero();
        // Every open attempt was settled: a third start finds nothing to reconcile.
        second.close();
        ConfigurableApplicationContext third = startAdapter("200ms");
        assertThat(third.getBean(io.codac.adapter.dialing.OpenAttempts.class).all()).isEmpty();
        third.close();
    }

    @Test
    void aCallWhoseServerDiedAndCameBackIsEndedOnceWhenTheEventStreamReconnects() {
        Trunk trunk = fleet.trunk("srv1-t1").orElseThrow();
        DialCommand ringing = command(sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 1).getFirst(), trunk);
        ConfigurableApplicationContext adapter = startAdapter("60s");
        try {
            send(ringing);
            await().atMost(BOUND).until(() -> typesOf(ringing).contains(RINGING));

            // The server dies: its channels vanish without a single event, the event stream drops; then it returns.
            assertThat(sim.faults().killServer("srv1")).contains(ringing.attemptId());
            sim.faults().restartServer("srv1");

            await().atMost(BOUND).until(() -> typesOf(ringing).contains(ENDED));
            assertThat(reconciliations(adapter, "Vanished")).isEqualTo(1);
            CallEvent ended = ended(ringing);
            assertThat(ended.signal().alerted()).isTrue();
            assertThat(distinctEnds(ringing)).isEqualTo(1);
            assertThat(sim.cdr(ringing.phoneNumber())).hasSize(1);
            assertThat(sim.stats().concurrentDoubleDials()).isZero();
            assertThat(sim.stats().redialsAfterAlerting()).isZero();
            await().atMost(BOUND).until(() ->
                    adapter.getBean(io.codac.adapter.dialing.OpenAttempts.class).all().isEmpty());
        } finally {
            adapter.close();
        }
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

    private static double reconciliations(ConfigurableApplicationContext adapter, String decision) {
        return Search.in(adapter.getBean(MeterRegistry.class)).name("codac.adapter.reconciliations")
                .tag("decision", decision).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static double duplicatesSkipped(ConfigurableApplicationContext adapter) {
        return Search.in(adapter.getBean(MeterRegistry.class)).name("codac.adapter.duplicates.skipped").counters()
                .stream().mapToDouble(c -> c.count()).sum();
    }

}
