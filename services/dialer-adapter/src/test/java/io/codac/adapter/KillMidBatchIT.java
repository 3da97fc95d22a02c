package io.codac.adapter;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.codac.contracts.event.CallEventType.ENDED;
import static io.codac.contracts.event.CallEventType.REJECTED_NO_CAPACITY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The adapter as a real OS process (the module's runnable jar), stopped while a batch of calls rings, then started
 * again for the same server, on the real broker and Redis against the simulator in this JVM.
 * <p>
 * With SIGKILL nothing runs on the way down: no drain, no hang-up, no offset commit. The new process must reconcile:
 * no number gets a second live call or a redial after it rang, every attempt is reported ended exactly once, and
 * every command is dialed once, handed back, or (killed between its open-attempt record and its originate) reported
 * lost, never two of these.
 * <p>
 * With SIGTERM the process drains: it takes no new command, lets its live calls run to their end (the flash hang-up),
 * reports each of them itself, then exits; a command it did not take is left on the topic for its successor.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillMidBatchIT {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private final List<Process> adapters = new ArrayList<>();

    private Infrastructure infra;
    private TestNamespace namespace;
    private Fleet fleet;
    private Path fleetFile;
    private Topics topics;
    private SimulatedFleet sim;
    private SchedulerSide schedulerSide;

    @BeforeAll
    void startEverything() {
        infra = Infrastructure.shared();
        namespace = infra.newNamespace();
        topics = namespace.topics();
        fleet = TestFleets.fleet(1, 2, 20, 10);
        fleetFile = TestFleets.write(fleet);
        infra.createTopics(topics, fleet, 3);
        // Phones ring until someone hangs up (or 20 s): only the adapters end these calls within the test.
        sim = SimulatedFleet.start(fleet, SimSettings.fast().withSeed(23)
                .withTiming(CallTiming.fast().withNoAnswerAfter(Duration.ofSeconds(20))));
        schedulerSide = new SchedulerSide(infra.kafkaBootstrapServers(), topics, fleet);
    }

    /** Each test runs its own adapters for srv1: none may outlive it. */
    @AfterEach
    void killAdapters() {
        adapters.forEach(KillMidBatchIT::kill);
        adapters.clear();
    }

    @AfterAll
    void stopEverything() {
        if (schedulerSide != null) {
            schedulerSide.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aKilledAdaptersSuccessorEndsEveryAttemptOnceAndDialsNoneTwice() throws Exception {
        List<Trunk> trunks = fleet.server("srv1").orElseThrow().trunks();
        List<String> numbers = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 12);
        List<DialCommand> batch = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            batch.add(command(numbers.get(i), trunks.get(i % trunks.size())));
        }
        List<DialCommand> firstHalf = batch.subList(0, 6);
        List<DialCommand> secondHalf = batch.subList(6, batch.size());

        // The first process would let its phones ring for a while: it is killed while they ring.
        Process first = startAdapter("5s", "first");
        firstHalf.forEach(this::send);
        await().atMost(BOUND).until(() -> ringingInSimulator(firstHalf) >= 3);
        secondHalf.forEach(this::send);
        kill(first);
        assertThat(first.isAlive()).isFalse();

        Process second = startAdapter("300ms", "second");
        await().atMost(BOUND).until(() -> batch.stream().allMatch(c -> typesOf(c).contains(ENDED)
                || typesOf(c).contains(REJECTED_NO_CAPACITY)));

        assertThat(sim.stats().concurrentDoubleDials()).isZero();
        assertThat(sim.stats().redialsAfterAlerting()).isZero();
        assertThat(batch.stream().filter(c -> !sim.cdr(c.phoneNumber()).isEmpty()).count())
                .as("calls placed before the kill").isGreaterThanOrEqualTo(3);
        for (DialCommand command : batch) {
            int calls = sim.cdr(command.phoneNumber()).size();
            boolean handedBack = typesOf(command).contains(REJECTED_NO_CAPACITY);
            assertThat(calls).as("calls to the number of %s", command.attemptId()).isLessThanOrEqualTo(1);
            if (handedBack) {
                assertThat(calls).as("%s was handed back and dialed", command.attemptId()).isZero();
                assertThat(distinctEnds(command)).isZero();
                continue;
            }
            assertThat(distinctEnds(command)).as("ENDED events of %s", command.attemptId()).isEqualTo(1);
            if (calls == 1) {
                assertThat(sim.cdr(command.phoneNumber()).getFirst().channelId()).isEqualTo(command.attemptId());
            } else {
                // Killed between recording the open attempt and the originate reaching the server: the successor
                // cannot know it was never placed, so it reports it ended, lost, without any provisional reply
                // (ADR 0006) and never dials it.
                CallEvent lost = ended(command);
                assertThat(lost.causeText()).as("end of undialed %s", command.attemptId()).startsWith("lost");
                assertThat(lost.signal().provisional()).isFalse();
                assertThat(lost.signal().alerted()).isFalse();
            }
        }
        assertThat(second.isAlive()).isTrue();
    }

    @Test
    void aTerminatedAdapterEndsAndReportsItsLiveCallsBeforeItExits() throws Exception {
        List<Trunk> trunks = fleet.server("srv1").orElseThrow().trunks();
        List<String> numbers = sim.numbersWithFate(NumberFate.RINGS_NO_ANSWER, 6);
        List<DialCommand> ringing = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ringing.add(command(numbers.get(i), trunks.get(i % trunks.size())));
        }
        List<DialCommand> late = new ArrayList<>();
        for (int i = 4; i < 6; i++) {
            late.add(command(numbers.get(i), trunks.get(i % trunks.size())));
        }
        // The default shutdown-call-drain (ring timeout + 5 s) applies: only the flash hang-up delay is set.
        Process first = startAdapter("4s", "terminated");
        ringing.forEach(this::send);
        await().atMost(BOUND).until(() -> ringingInSimulator(ringing) == ringing.size());

        first.destroy();
        late.forEach(this::send);
        assertThat(first.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("exited after draining").isTrue();

        // Nothing else runs for srv1 yet: whatever ended these calls and reported it was the terminated process.
        await().atMost(Duration.ofSeconds(15)).until(() -> ringing.stream().allMatch(c -> distinctEnds(c) == 1));
        for (DialCommand command : ringing) {
            var calls = sim.cdr(command.phoneNumber());
            assertThat(calls).as("calls to the number of %s", command.attemptId()).hasSize(1);
            assertThat(calls.getFirst().endedAt()).as("%s hung up before the process exited", command.attemptId())
                    .isNotNull();
            assertThat(ended(command).signal().alerted()).as("%s rang", command.attemptId()).isTrue();
        }

        // The commands published during the drain: dialed once, by the draining process or by its successor.
        Process second = startAdapter("300ms", "successor-of-terminated");
        await().atMost(BOUND).until(() -> late.stream().allMatch(c -> typesOf(c).contains(ENDED)
                || typesOf(c).contains(REJECTED_NO_CAPACITY)));
        for (DialCommand command : late) {
            assertThat(sim.cdr(command.phoneNumber()).size()).as("calls to the number of %s", command.attemptId())
                    .isLessThanOrEqualTo(1);
            assertThat(distinctEnds(command)).isLessThanOrEqualTo(1);
        }
        assertThat(sim.stats().concurrentDoubleDials()).isZero();
        assertThat(sim.stats().redialsAfterAlerting()).isZero();
        assertThat(second.isAlive()).isTrue();
    }

    // --- the adapter process ---------------------------------------------------------------------------

    private Process startAdapter(String flashHangupDelay, String name) throws IOException {
        var properties = new HashMap<>(ServiceProperties.common(infra, namespace, fleetFile));
        properties.put("codac.adapter.server-id", "srv1");
        properties.put("codac.adapter.flash-hangup-delay", flashHangupDelay);
        properties.put("codac.adapter.fleet-reload-interval", "0s");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", execJar().toString()));
        command.addAll(List.of(ServiceProperties.asArgs(properties)));
        Path log = Path.of("target", "kill-mid-batch-" + name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        adapters.add(process);
        return process;
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    /** Built by {@code package}, which runs before failsafe. */
    private static Path execJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("codac-dialer-adapter-.*-exec\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no exec jar under target/: run package"));
        }
    }

    /** SIGKILL, as {@code kill -9}: no shutdown hook runs. */
    private static void kill(Process process) {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- the scheduler's side -------------------------------------------------------------------------

    private long ringingInSimulator(List<DialCommand> commands) {
        return commands.stream().filter(c -> sim.cdr(c.phoneNumber()).stream()
                .anyMatch(r -> r.ringingAt() != null && r.endedAt() == null)).count();
    }

    private DialCommand command(String number, Trunk trunk) {
        return SchedulerSide.command(number, trunk, Duration.ofSeconds(120));
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
