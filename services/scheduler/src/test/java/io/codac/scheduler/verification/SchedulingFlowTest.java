package io.codac.scheduler.verification;

import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.OutcomeClassifier;
import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.domain.VerificationStatus;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.CallLeg;
import io.codac.contracts.event.DialCommand;
import io.codac.contracts.event.ServerState;
import io.codac.contracts.event.VerificationCompleted;
import io.codac.contracts.event.VerificationRequested;
import io.codac.scheduler.capacity.domain.CapacityLedger;
import io.codac.scheduler.capacity.domain.UnsharedCapacityLedger;
import io.codac.scheduler.fleet.domain.FleetView;
import io.codac.scheduler.fleet.domain.LivenessSettings;
import io.codac.scheduler.fleet.domain.RouteHealth;
import io.codac.scheduler.metrics.MicrometerSchedulerMetrics;
import io.codac.scheduler.placement.domain.NaiveRoundRobinPolicy;
import io.codac.scheduler.placement.domain.NoPlacementReason;
import io.codac.scheduler.placement.domain.RouteAwarePolicy;
import io.codac.scheduler.testing.InMemoryAttemptMemory;
import io.codac.scheduler.testing.InMemoryCapacityLedger;
import io.codac.scheduler.testing.InMemoryDialFence;
import io.codac.scheduler.testing.InMemoryLedger;
import io.codac.testsupport.MutableClock;
import io.codac.scheduler.testing.TestFleet;
import io.codac.scheduler.verification.domain.AttemptStatus;
import io.codac.scheduler.verification.domain.PartitionScope;
import io.codac.scheduler.verification.domain.RetryPolicy;
import io.codac.scheduler.verification.domain.Verification;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.codac.scheduler.testing.TestFleet.trunk;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The use cases wired together over the in-memory ledger and recording publishers: a request through
 * placement, call events, retries, waiting, the sweep and results. The Kafka/MariaDB wiring is the IT's job.
 */
class SchedulingFlowTest {

    private static final Duration RING = Duration.ofSeconds(30);
    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration GRACE = Duration.ofSeconds(75);
    private static final Duration ADAPTER_DELIVERY = Duration.ofSeconds(60);
    private static final Duration RETRY_DELAY = Duration.ofMillis(250);
    private static final Duration REPUBLISH = Duration.ofSeconds(10);
    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration RELAY_AFTER = Duration.ofSeconds(2);
    private static final Duration MEMORY_TTL = Duration.ofMinutes(15);
    private static final int LINE_CAPACITY = 1000;

    private final MutableClock clock = MutableClock.atNoon();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final List<DialCommand> commands = new ArrayList<>();
    private final List<VerificationCompleted> results = new ArrayList<>();
    private final Map<String, String> numbers = new HashMap<>();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private boolean commandsFail;
    private boolean resultsFail;

    private FleetView fleet;
    private AcceptingRequests accepting;
    private FollowingCalls following;
    private SweepingLedger sweeping;
    private TakingOverPartitions takingOver;
    private FailingOver failingOver;
    private final InMemoryDialFence fence = new InMemoryDialFence();
    private InMemoryAttemptMemory memory;
    private InMemoryCapacityLedger capacityLedger;
    /**
     * Servers silent for 2 s get no new work, but are declared dead only after an hour: these tests jump the clock
     * by minutes, and only the failover tests want that to count as a death.
     */
    private LivenessSettings liveness = new LivenessSettings(Duration.ofSeconds(2), Duration.ofHours(1), Duration.ZERO, 1.0);
    private SharedCapacity capacity;
    private WaitingLine line;
    /** Wire the benchmark's naive round-robin baseline instead of ours (ADR 0009). */
    private boolean naiveBaseline;

    @BeforeEach
    void wire() {
        wire(TestFleet.builder()
                .server("srv1", trunk("t1", 100, 10))
                .server("srv2", trunk("t2", 100, 10)));
        heartbeat("srv1", "srv2");
    }

    private void wire(TestFleet fleetBuilder) {
        wire(fleetBuilder, 100);
    }

    private void wire(TestFleet fleetBuilder, int sweepBatch) {
        if (memory == null) {
            memory = new InMemoryAttemptMemory(clock, MEMORY_TTL);
            capacityLedger = new InMemoryCapacityLedger(clock, Duration.ofSeconds(15));
        }
        CapacityLedger sharedLedger = naiveBaseline ? new UnsharedCapacityLedger() : capacityLedger;
        var settings = new SchedulingSettings(RING, WINDOW, GRACE, ADAPTER_DELIVERY, REPUBLISH, TTL, RETRY_DELAY,
                sweepBatch);
        var metrics = new MicrometerSchedulerMetrics(meters);
        fleet = new FleetView(fleetBuilder.build(), naiveBaseline ? new NaiveRoundRobinPolicy() : new RouteAwarePolicy(),
                clock, liveness, RouteHealth.DEFAULT_HALF_LIFE);
        DialCommandPublisher commandPublisher = (command, trunk) -> {
            // the attempt must be in the ledger before its command leaves
            assertThat(ledger.findAttempt(command.attemptId())).isPresent();
            assertThat(trunk.id()).isEqualTo(command.trunkId());
            if (commandsFail) {
                throw new IllegalStateException("broker down");
            }
            commands.add(command);
        };
        ResultPublisher resultPublisher = completed -> {
            if (resultsFail) {
                throw new IllegalStateException("broker down");
            }
            results.add(completed);
        };
        var retryPolicy = new RetryPolicy(3, Duration.ofSeconds(2));
        Fleet fleetFile = fleetBuilder.build();
        capacity = new SharedCapacity(sharedLedger, fleetFile, fleet, Duration.ofSeconds(5), clock);
        var sent = new SentCommands(ledger, clock);
        line = new WaitingLine(LINE_CAPACITY, LINE_CAPACITY - 2, 2);
        var dispatching = new DispatchingAttempts(ledger, fleet, commandPublisher, metrics, settings, memory, capacity,
                sent, line, clock);
        var published = new PublishedResults(ledger);
        var completing = new CompletingVerifications(ledger, resultPublisher, metrics, settings, published, clock);
        var settling = new SettlingAttempts(ledger, fleet, retryPolicy, dispatching, completing, metrics, memory,
                capacity, clock);
        var queueing = new QueueingVerifications(ledger, line, dispatching);
        accepting = new AcceptingRequests(ledger, dispatching, completing, settings, line, queueing, fleet,
                new ParallelWork(1), clock);
        following = new FollowingCalls(ledger, new OutcomeClassifier(), retryPolicy, settling, completing, clock);
        var owned = new OwnedPartitions();
        var relaying = new RelayingCommands(ledger, fleetFile, commandPublisher, fence, settling, metrics,
                RELAY_AFTER, sweepBatch, clock);
        failingOver = naiveBaseline ? FailingOver.leavingWorkInPlace(ledger, fence, settling, metrics, clock)
                : new FailingOver(ledger, fence, settling, metrics, clock);
        sweeping = new SweepingLedger(ledger, fleet, dispatching, settling, completing, relaying, failingOver, capacity,
                owned, line, queueing, sent, published, new ParallelWork(1), metrics, settings, clock);
        takingOver = new TakingOverPartitions(ledger, fleet, owned, capacity, line);
        takingOver.assigned(Set.of(0));
    }

    private void heartbeat(String... servers) {
        for (String server : servers) {
            fleet.heartbeatReceived(server, ServerState.UP, clock.instant());
        }
    }

    private VerificationRequested request(String id, String clientId) {
        String number = numbers.computeIfAbsent(id, any -> String.format("+4477009%05d", numbers.size() + 1));
        return new VerificationRequested(UUID.randomUUID().toString(), clock.instant(), id, clientId, number,
                VerificationMethod.FLASH_CALL, "order-1", null, clock.instant().plus(TTL), null, Map.of());
    }

    private VerificationRequested request(String id) {
        return request(id, VerificationMethod.FLASH_CALL, clock.instant().plus(TTL));
    }

    /** Each verification id has a number of its own, unless a test gives two the same one. */
    private VerificationRequested request(String id, VerificationMethod method, Instant expiresAt) {
        String number = numbers.computeIfAbsent(id, any -> String.format("+4477009%05d", numbers.size() + 1));
        return request(id, number, method, expiresAt);
    }

    private VerificationRequested request(String id, String phoneNumber, VerificationMethod method, Instant expiresAt) {
        return new VerificationRequested(UUID.randomUUID().toString(), clock.instant(), id, "client-1", phoneNumber,
                method, "order-1", null, expiresAt, null, Map.of());
    }

    private VerificationRequested requestFor(String id, String phoneNumber) {
        return request(id, phoneNumber, VerificationMethod.FLASH_CALL, clock.instant().plus(TTL));
    }

    private double noPlacements(NoPlacementReason reason) {
        var counter = meters.find("codac.scheduler.no.placement").tag("reason", reason.name()).counter();
        return counter == null ? 0 : counter.count();
    }

    private CallEvent event(DialCommand command, CallEventType type, CallSignal signal) {
        return new CallEvent(UUID.randomUUID().toString(), clock.instant(), type,
                new CallLeg(command.attemptId(), command.verificationId(), command.phoneNumber(), command.trunkId(),
                        command.serverId()), signal, null, null);
    }

    private DialCommand lastCommand() {
        return commands.getLast();
    }

    @Test
    void aRequestIsPlacedAtOnceOnALiveTrunkWithTheAttemptRecordedFirst() {
        accepting.onRequested(request("v1"));

        assertThat(commands).hasSize(1);
        DialCommand command = lastCommand();
        assertThat(command.verificationId()).isEqualTo("v1");
        assertThat(command.attemptNumber()).isEqualTo(1);
        assertThat(command.callerId()).isEqualTo("+442070000000");
        assertThat(command.ringTimeoutSeconds()).isEqualTo(30);
        assertThat(command.notAfter()).isEqualTo(clock.instant().plus(WINDOW));
        assertThat(ledger.verification("v1").status()).isEqualTo(VerificationStatus.IN_PROGRESS);
        assertThat(ledger.verification("v1").attemptsMade()).isEqualTo(1);
        assertThat(ledger.findAttempt(command.attemptId())).get()
                .extracting(a -> a.status(), a -> a.trunkId())
                .containsExactly(AttemptStatus.PLACED, command.trunkId());
    }

    @Test
    void theCommandWindowNeverOutlivesTheVerification() {
        Instant expiresAt = clock.instant().plusSeconds(3);
        accepting.onRequested(request("v1", VerificationMethod.FLASH_CALL, expiresAt));

        assertThat(lastCommand().notAfter()).isEqualTo(expiresAt);
    }

    @Test
    void aDuplicatedRequestYieldsOneDialCommand() {
        VerificationRequested request = request("v1");
        accepting.onRequested(request);
        accepting.onRequested(request);
        accepting.onRequested(request("v1"));

        assertThat(commands).hasSize(1);
    }

    @Test
    void aRingingPhoneIsVerifiedAtOnceWhileItsCallStaysLiveUntilItsEnd() {
        accepting.onRequested(request("v1"));
        DialCommand command = lastCommand();

        following.onCallEvent(event(command, CallEventType.DIAL_STARTED, null));
        assertThat(results).isEmpty();
        following.onCallEvent(event(command, CallEventType.RINGING, null));

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.status()).isEqualTo(VerificationStatus.VERIFIED);
            assertThat(result.clientId()).isEqualTo("client-1");
            assertThat(result.attempts()).singleElement().satisfies(a -> {
                assertThat(a.attemptId()).isEqualTo(command.attemptId());
                assertThat(a.outcome()).isEqualTo(OutcomeClass.VERIFIED);
                assertThat(a.alerted()).isTrue();
                assertThat(a.endedAt()).as("still ringing").isNull();
            });
        });
        assertThat(ledger.verification("v1").nextAttemptAt()).as("republished unless confirmed").isNotNull();
        sweeping.sweep();
        assertThat(ledger.verification("v1").nextAttemptAt()).as("result confirmed, nothing left to do").isNull();
        assertThat(ledger.findAttempt(command.attemptId())).get().extracting(a -> a.status()).isEqualTo(AttemptStatus.RINGING);
        assertThat(ledger.liveAttemptOn(command.phoneNumber())).contains(command.attemptId());
        assertThat(fleet.headroom()).anySatisfy(t -> assertThat(t.inFlight()).isOne());

        following.onCallEvent(event(command, CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));

        assertThat(results).hasSize(1);
        assertThat(ledger.findAttempt(command.attemptId())).get().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AttemptStatus.ENDED);
            assertThat(a.outcome()).isEqualTo(OutcomeClass.VERIFIED);
            assertThat(a.q850Cause()).isEqualTo(16);
        });
        assertThat(ledger.liveAttemptOn(command.phoneNumber())).isEmpty();
        assertThat(fleet.headroom()).allSatisfy(t -> assertThat(t.inFlight()).isZero());
    }

    @Test
    void anAnsweredCallIsVerifiedAtOnce() {
        accepting.onRequested(request("v1"));

        following.onCallEvent(event(lastCommand(), CallEventType.ANSWERED, null));

        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(VerificationStatus.VERIFIED);
            assertThat(r.reason()).isEqualTo("the call was answered");
        });
    }

    @Test
    void earlyMediaAloneVerifiesNothing() {
        accepting.onRequested(request("v1"));

        following.onCallEvent(event(lastCommand(), CallEventType.EARLY_MEDIA, null));

        assertThat(results).isEmpty();
        assertThat(ledger.verification("v1").status()).isEqualTo(VerificationStatus.IN_PROGRESS);
    }

    @Test
    void aRepeatedRingingOrAnswerAfterTheVerdictChangesNothing() {
        accepting.onRequested(request("v1"));
        DialCommand command = lastCommand();
        CallEvent ringing = event(command, CallEventType.RINGING, null);

        following.onCallEvent(ringing);
        long version = ledger.verification("v1").version();
        following.onCallEvent(ringing);
        following.onCallEvent(event(command, CallEventType.ANSWERED, null));

        assertThat(results).hasSize(1);
        assertThat(ledger.verification("v1").version()).isEqualTo(version);
        assertThat(ledger.verification("v1").reason()).isEqualTo("the phone rang");
    }

    @Test
    void anEndThatContradictsAnEarlierRingingLeavesTheVerdictAlone() {
        accepting.onRequested(request("v1"));
        DialCommand command = lastCommand();
        following.onCallEvent(event(command, CallEventType.RINGING, null));

        following.onCallEvent(event(command, CallEventType.ENDED, CallSignal.failedBeforeAlerting(38, null)));

        assertThat(results).singleElement().extracting(VerificationCompleted::status).isEqualTo(VerificationStatus.VERIFIED);
        assertThat(ledger.verification("v1").status()).isEqualTo(VerificationStatus.VERIFIED);
        assertThat(commands).hasSize(1);
        assertThat(ledger.findAttempt(command.attemptId())).get().extracting(a -> a.status()).isEqualTo(AttemptStatus.ENDED);
    }

    @Test
    void aRepeatedEndChangesNothing() {
        accepting.onRequested(request("v1"));
        CallEvent ended = event(lastCommand(), CallEventType.ENDED, CallSignal.failedBeforeAlerting(38, null));

        following.onCallEvent(ended);
        following.onCallEvent(ended);

        assertThat(commands).hasSize(2);
        assertThat(ledger.verification("v1").attemptsMade()).isEqualTo(2);
    }

    @Test
    void aRouteFailureIsRetriedAtOnceOnAnotherTrunk() {
        accepting.onRequested(request("v1"));
        DialCommand first = lastCommand();

        following.onCallEvent(event(first, CallEventType.ENDED, CallSignal.failedBeforeAlerting(38, null)));

        assertThat(commands).hasSize(2);
        DialCommand second = lastCommand();
        assertThat(second.trunkId()).isNotEqualTo(first.trunkId());
        assertThat(second.attemptNumber()).isEqualTo(2);
        assertThat(second.attemptId()).isNotEqualTo(first.attemptId());
    }

    @Test
    void routeFailuresOnEveryAttemptEndFailedWithTheBudgetSpent() {
        accepting.onRequested(request("v1"));
        for (int i = 0; i < 3; i++) {
            following.onCallEvent(event(lastCommand(), CallEventType.ENDED, CallSignal.failedBeforeAlerting(38, null)));
        }

        assertThat(commands).hasSize(3);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(VerificationStatus.FAILED);
            assertThat(r.attempts()).hasSize(3);
        });
    }

    @Test
    void anUnallocatedNumberIsInvalidAtOnce() {
        accepting.onRequested(request("v1"));

        following.onCallEvent(event(lastCommand(), CallEventType.ENDED, CallSignal.failedBeforeAlerting(1, 404)));

        assertThat(commands).hasSize(1);
        assertThat(results).singleElement().extracting(VerificationCompleted::status).isEqualTo(VerificationStatus.INVALID);
    }

    @Test
    void aSuspectInvalidNumberIsConfirmedOnceOnAnotherTrunkThenInvalid() {
        accepting.onRequested(request("v1"));
        DialCommand first = lastCommand();
        following.onCallEvent(event(first, CallEventType.ENDED, CallSignal.failedBeforeAlerting(3, null)));
        DialCommand second = lastCommand();
        following.onCallEvent(event(second, CallEventType.ENDED, CallSignal.failedBeforeAlerting(3, null)));

        assertThat(second.trunkId()).isNotEqualTo(first.trunkId());
        assertThat(commands).hasSize(2);
        assertThat(results).singleElement().extracting(VerificationCompleted::status).isEqualTo(VerificationStatus.INVALID);
    }

    @Test
    void anUnreachableNumberIsRetriedOnlyAfterTheBackOff() {
        accepting.onRequested(request("v1"));
        following.onCallEvent(event(lastCommand(), CallEventType.ENDED, CallSignal.failedBeforeAlerting(20, null)));
        heartbeat("srv1", "srv2");

        sweeping.sweep();
        assertThat(commands).hasSize(1);
        assertThat(ledger.verification("v1").status()).isEqualTo(VerificationStatus.PENDING);

        clock.advance(Duration.ofSeconds(2));
        heartbeat("srv1", "srv2");
        sweeping.sweep();
        assertThat(commands).hasSize(2);
    }

    @Test
    void aHandBackIsPlacedElsewhereWithoutCountingAsAnAttempt() {
        accepting.onRequested(request("v1"));
        DialCommand first = lastCommand();

        following.onCallEvent(event(first, CallEventType.REJECTED_NO_CAPACITY, null));

        assertThat(commands).hasSize(2);
        DialCommand second = lastCommand();
        assertThat(second.trunkId()).isNotEqualTo(first.trunkId());
        assertThat(second.attemptNumber()).isEqualTo(1);
        assertThat(ledger.verification("v1").attemptsMade()).isEqualTo(1);
        assertThat(ledger.findAttempt(first.attemptId())).get().extracting(a -> a.status()).isEqualTo(AttemptStatus.REJECTED);
    }

    @Test
    void handBacksNeverSpendTheBudget() {
        accepting.onRequested(request("v1"));
        for (int i = 0; i < 5; i++) {
            following.onCallEvent(event(lastCommand(), CallEventType.REJECTED_NO_CAPACITY, null));
        }
        following.onCallEvent(event(lastCommand(), CallEventType.ENDED, CallSignal.failedBeforeAlerting(38, null)));

        assertThat(results).isEmpty();
        assertThat(lastCommand().attemptNumber()).isEqualTo(2);
    }

    @Test
    void withNoLiveServerARequestWaitsPendingAndTheSweepPlacesItOnceOneIsUp() {
        clock.advance(Duration.ofSeconds(3)); // the heartbeats of @BeforeEach are now stale
        accepting.onRequested(request("v1"));

        assertThat(commands).isEmpty();
        assertThat(ledger.verification("v1").status()).isEqualTo(VerificationStatus.PENDING);
        assertThat(ledger.verification("v1").isQueued()).as("no trunk has room: straight into the line").isTrue();
        assertThat(line.size()).isEqualTo(1);

        clock.advance(RETRY_DELAY);
        sweeping.sweep();
        assertThat(commands).isEmpty();

        heartbeat("srv2");
        sweeping.sweep();
        assertThat(commands).singleElement().extracting(DialCommand::trunkId).isEqualTo("t2");
    }

    @Test
    void aTrunkAtItsCpsMakesTheRestWaitAndTheSweepPlacesThemWhenTheWindowSlides() {
        wire(TestFleet.builder().server("srv1", trunk("t1", 2, 10)));
        heartbeat("srv1");

        accepting.onRequested(request("v1"));
        accepting.onRequested(request("v2"));
        accepting.onRequested(request("v3"));
        assertThat(commands).hasSize(2);

        sweeping.sweep();
        assertThat(commands).hasSize(2);

        clock.advance(Duration.ofSeconds(1));
        heartbeat("srv1");
        sweeping.sweep();
        assertThat(commands).hasSize(3);
        assertThat(commands).extracting(DialCommand::verificationId).containsExactly("v1", "v2", "v3");
    }

    @Test
    void aTrunkWithAllChannelsBusyMakesTheRestWaitUntilACallEnds() {
        wire(TestFleet.builder().server("srv1", trunk("t1", 100, 1)));
        heartbeat("srv1");
        accepting.onRequested(request("v1"));
        accepting.onRequested(request("v2"));
        assertThat(commands).hasSize(1);

        following.onCallEvent(event(lastCommand(), CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));
        clock.advance(RETRY_DELAY);
        heartbeat("srv1");
        sweeping.sweep();

        assertThat(commands).extracting(DialCommand::verificationId).containsExactly("v1", "v2");
    }

    @Test
    void aWaitingRequestWhoseTtlPassesIsExpired() {
        clock.advance(Duration.ofSeconds(3));
        accepting.onRequested(request("v1", VerificationMethod.FLASH_CALL, clock.instant().plusSeconds(5)));

        clock.advance(Duration.ofSeconds(5));
        sweeping.sweep();

        assertThat(results).singleElement().extracting(VerificationCompleted::status).isEqualTo(VerificationStatus.EXPIRED);
    }

    @Test
    void aRequestThatArrivesExpiredIsExpiredWithoutACall() {
        accepting.onRequested(request("v1", VerificationMethod.FLASH_CALL, clock.instant().minusSeconds(1)));

        assertThat(commands).isEmpty();
        assertThat(results).singleElement().extracting(VerificationCompleted::status).isEqualTo(VerificationStatus.EXPIRED);
    }

    @Test
    void aMissedCallIsNeverDialedAndExpiresAtItsTtl() {
        accepting.onRequested(request("v1", VerificationMethod.MISSED_CALL, clock.instant().plusSeconds(60)));
        sweeping.sweep();
        assertThat(commands).isEmpty();
        assertThat(results).isEmpty();

        clock.advance(Duration.ofSeconds(60));
        sweeping.sweep();
        assertThat(results).singleElement().extracting(VerificationCompleted::status).isEqualTo(VerificationStatus.EXPIRED);
    }

    @Test
    void anAttemptThatNeverReportsIsPresumedLostOnlyAfterItsRingWindowAndRetriedElsewhere() {
        accepting.onRequested(request("v1"));
        DialCommand first = lastCommand();

        clock.advance(WINDOW.plus(RING).plus(GRACE).minusMillis(1));
        heartbeat("srv1", "srv2");
        sweeping.sweep();
        assertThat(commands).hasSize(1);

        clock.advance(Duration.ofMillis(1));
        sweeping.sweep();
        assertThat(commands).hasSize(2);
        assertThat(lastCommand().trunkId()).isNotEqualTo(first.trunkId());
        assertThat(ledger.findAttempt(first.attemptId())).get().extracting(a -> a.status()).isEqualTo(AttemptStatus.LOST);
    }

    @Test
    void aRungAttemptWhoseEndNeverComesIsClosedAfterItsWindowAndNeverDialedAgain() {
        accepting.onRequested(request("v1"));
        DialCommand command = lastCommand();
        following.onCallEvent(event(command, CallEventType.RINGING, null));
        assertThat(results).singleElement().extracting(VerificationCompleted::status).isEqualTo(VerificationStatus.VERIFIED);

        clock.advance(WINDOW.plus(RING).plus(GRACE).minusMillis(1));
        sweeping.sweep();
        assertThat(ledger.liveAttemptOn(command.phoneNumber())).as("held until its window passed").isPresent();

        clock.advance(Duration.ofMillis(1));
        sweeping.sweep();

        assertThat(commands).hasSize(1);
        assertThat(results).hasSize(1);
        assertThat(ledger.findAttempt(command.attemptId())).get().satisfies(a -> {
            assertThat(a.status()).isEqualTo(AttemptStatus.LOST);
            assertThat(a.outcome()).isEqualTo(OutcomeClass.VERIFIED);
        });
        assertThat(ledger.liveAttemptOn(command.phoneNumber())).isEmpty();
        assertThat(fleet.headroom()).allSatisfy(t -> assertThat(t.inFlight()).isZero());
    }

    @Test
    void anAcknowledgedCommandIsMarkedSentByTheNextSweepAndNeverRelayed() {
        accepting.onRequested(request("v1"));
        String attemptId = lastCommand().attemptId();
        assertThat(ledger.commandWasSent(attemptId)).as("marked in batches by the sweep").isFalse();

        sweeping.sweep();
        assertThat(ledger.commandWasSent(attemptId)).isTrue();
        clock.advance(RELAY_AFTER.plusSeconds(1));
        heartbeat("srv1", "srv2");
        sweeping.sweep();
        assertThat(commands).hasSize(1);
    }

    @Test
    void anUnacknowledgedDialCommandIsRelayedFromTheOutboxWithItsAttemptId() {
        commandsFail = true;
        accepting.onRequested(request("v1"));
        assertThat(ledger.verification("v1").status()).isEqualTo(VerificationStatus.IN_PROGRESS);
        String attemptId = ledger.attemptsOf("v1").getFirst().attemptId();

        commandsFail = false;
        sweeping.sweep();
        assertThat(commands).as("the inline publication still has its chance").isEmpty();

        clock.advance(RELAY_AFTER.plusMillis(1));
        sweeping.sweep();
        sweeping.sweep();
        assertThat(commands).extracting(DialCommand::attemptId).containsExactly(attemptId);
        assertThat(ledger.commandWasSent(attemptId)).isTrue();
        assertThat(ledger.verification("v1").attemptsMade()).isEqualTo(1);
    }

    @Test
    void aCommandNeverSentBeforeItsNotAfterIsFencedAndTheVerificationPlacedAgainUncounted() {
        commandsFail = true;
        accepting.onRequested(request("v1"));
        String attemptId = ledger.attemptsOf("v1").getFirst().attemptId();
        String firstTrunk = ledger.attemptsOf("v1").getFirst().trunkId();
        commandsFail = false;

        clock.advance(WINDOW);
        heartbeat("srv1", "srv2");
        sweeping.sweep();

        assertThat(fence.fenced(attemptId)).isTrue();
        assertThat(ledger.findAttempt(attemptId).orElseThrow().status()).isEqualTo(AttemptStatus.REJECTED);
        assertThat(commands).hasSize(1);
        assertThat(lastCommand().attemptId()).isNotEqualTo(attemptId);
        assertThat(lastCommand().trunkId()).isNotEqualTo(firstTrunk);
        assertThat(ledger.verification("v1").attemptsMade()).isEqualTo(1);
    }

    @Test
    void aCommandAnAdapterClaimedThoughItWasNeverConfirmedIsFollowedNotPlacedAgain() {
        commandsFail = true;
        accepting.onRequested(request("v1"));
        String attemptId = ledger.attemptsOf("v1").getFirst().attemptId();
        fence.adapterClaimed(attemptId);
        commandsFail = false;

        clock.advance(WINDOW);
        heartbeat("srv1", "srv2");
        sweeping.sweep();

        assertThat(commands).isEmpty();
        assertThat(ledger.commandWasSent(attemptId)).isTrue();
        assertThat(ledger.findAttempt(attemptId).orElseThrow().isLive()).isTrue();
        assertThat(ledger.verification("v1").status()).isEqualTo(VerificationStatus.IN_PROGRESS);
    }

    @Test
    void aDeadServersUnstartedAttemptMovesToAnotherServerAtOnceAndAStartedOneStaysInDoubt() {
        accepting.onRequested(request("v1"));
        accepting.onRequested(request("v2"));
        DialCommand unstarted = commands.get(0);
        DialCommand started = commands.get(1);
        assertThat(List.of(unstarted.serverId(), started.serverId())).containsExactlyInAnyOrder("srv1", "srv2");
        following.onCallEvent(event(started, CallEventType.DIAL_STARTED, null));
        fence.adapterClaimed(started.attemptId());

        int movedFromStarted = failingOver.serverDied(started.serverId(), PartitionScope.ALL);
        int movedFromUnstarted = failingOver.serverDied(unstarted.serverId(), PartitionScope.ALL);

        assertThat(movedFromUnstarted).isEqualTo(1);
        assertThat(movedFromStarted).isZero();
        assertThat(ledger.findAttempt(unstarted.attemptId()).orElseThrow().status()).isEqualTo(AttemptStatus.REJECTED);
        assertThat(ledger.findAttempt(started.attemptId()).orElseThrow().isLive()).isTrue();
        assertThat(commands).hasSize(3);
        DialCommand moved = lastCommand();
        assertThat(moved.verificationId()).isEqualTo(unstarted.verificationId());
        assertThat(moved.trunkId()).isNotEqualTo(unstarted.trunkId());
        assertThat(ledger.verification(unstarted.verificationId()).attemptsMade()).isEqualTo(1);
    }

    @Test
    void theSweepAfterAServerFallsSilentPastDeadAfterMovesItsUnstartedAttempt() {
        liveness = LivenessSettings.DEFAULTS;
        wire(TestFleet.builder().server("srv1", trunk("t1", 100, 10)).server("srv2", trunk("t2", 100, 10)));
        heartbeat("srv1", "srv2");
        accepting.onRequested(request("v1"));
        DialCommand stranded = lastCommand();
        String survivor = stranded.serverId().equals("srv1") ? "srv2" : "srv1";

        clock.advance(Duration.ofMillis(1400));
        heartbeat(survivor);
        sweeping.sweep();
        assertThat(commands).as("silent 1.4 s: suspect, not dead").hasSize(1);

        clock.advance(Duration.ofMillis(200));
        heartbeat(survivor);
        sweeping.sweep();
        assertThat(commands).hasSize(2);
        assertThat(lastCommand().verificationId()).isEqualTo("v1");
        assertThat(lastCommand().serverId()).isEqualTo(survivor);
        assertThat(fence.fenced(stranded.attemptId())).isTrue();
        assertThat(ledger.verification("v1").attemptsMade()).isEqualTo(1);
    }

    @Test
    void theNaiveBaselineSendsABatchBeyondTheTrunksAtOnceAndLeavesADeadServersWorkWhereItIs() {
        naiveBaseline = true;
        liveness = LivenessSettings.DEFAULTS;
        wire(TestFleet.builder().server("srv1", trunk("t1", 1, 1)).server("srv2", trunk("t2", 1, 1)));
        heartbeat("srv1", "srv2");

        for (int i = 1; i <= 6; i++) {
            accepting.onRequested(request("v" + i));
        }

        assertThat(commands).as("two one-channel trunks, six commands: the adapters hand back what does not fit")
                .hasSize(6);
        assertThat(commands).extracting(DialCommand::trunkId).containsExactly("t1", "t2", "t1", "t2", "t1", "t2");
        assertThat(line.size()).isZero();
        assertThat(capacityLedger.use(List.of("t1", "t2")).values()).allSatisfy(use ->
                assertThat(use.channelsHeld()).as("no shared capacity taken").isZero());

        clock.advance(Duration.ofMillis(1600));
        heartbeat("srv2");
        sweeping.sweep();

        assertThat(commands).as("srv1 is dead, its unstarted attempts stay where they are").hasSize(6);
        assertThat(commands).filteredOn(c -> c.serverId().equals("srv1")).allSatisfy(c -> {
            assertThat(fence.fenced(c.attemptId())).isFalse();
            assertThat(ledger.findAttempt(c.attemptId()).orElseThrow().isLive()).isTrue();
        });
    }

    @Test
    void aDeadServersUnstartedAttemptWithNoRoomLeftGoesAheadOfAHotBatchForTheNextFreeSlot() {
        liveness = LivenessSettings.DEFAULTS;
        wire(TestFleet.builder().server("srv1", trunk("t1", 100, 1)).server("srv2", trunk("t2", 100, 1)));
        heartbeat("srv1", "srv2");
        accepting.onRequested(request("v1"));
        accepting.onRequested(request("v2"));
        for (int i = 0; i < 5; i++) {
            accepting.onRequested(request("hot-" + i, "big-shop"));
        }
        assertThat(commands).hasSize(2);
        DialCommand stranded = commands.get(0);
        DialCommand survivorsCall = commands.get(1);
        String survivor = survivorsCall.serverId();

        clock.advance(Duration.ofMillis(1000));
        heartbeat(survivor);
        clock.advance(Duration.ofMillis(600));
        heartbeat(survivor);
        sweeping.sweep();
        assertThat(commands).as("the survivor's one channel is busy").hasSize(2);
        assertThat(fence.fenced(stranded.attemptId())).isTrue();
        assertThat(ledger.verification(stranded.verificationId()).isQueued()).isTrue();

        following.onCallEvent(event(survivorsCall, CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));
        sweeping.sweep();

        assertThat(commands).hasSize(3);
        assertThat(lastCommand().verificationId()).isEqualTo(stranded.verificationId());
        assertThat(lastCommand().serverId()).isEqualTo(survivor);
        assertThat(ledger.verification(stranded.verificationId()).attemptsMade()).isEqualTo(1);
    }

    @Test
    void workOfferedFirstThatFindsRoomOnlyWhereItCannotGoKeepsItsPlaceAtTheFrontAndTheRoomGoesToTheNext() {
        liveness = LivenessSettings.DEFAULTS;
        wire(TestFleet.builder().server("srv1", trunk("t1", 100, 1)).server("srv2", trunk("t2", 100, 1))
                .server("srv3", trunk("t3", 100, 1)));
        heartbeat("srv1", "srv2", "srv3");
        accepting.onRequested(request("v1"));
        memory.remember(numbers.get("v1"), "t3", OutcomeClass.ROUTE_FAILURE); // v1's number failed on t3 lately
        accepting.onRequested(request("v2"));
        accepting.onRequested(request("hot-0", "big-shop"));
        for (int i = 1; i < 5; i++) {
            accepting.onRequested(request("hot-" + i, "big-shop"));
        }
        DialCommand stranded = commands.get(0);
        assertThat(commands).extracting(DialCommand::verificationId).containsExactly("v1", "v2", "hot-0");
        DialCommand onT2 = commands.stream().filter(c -> c.trunkId().equals("t2")).findFirst().orElseThrow();
        DialCommand onT3 = commands.stream().filter(c -> c.trunkId().equals("t3")).findFirst().orElseThrow();
        String dead = stranded.serverId();
        assertThat(stranded.trunkId()).isEqualTo("t1");

        clock.advance(Duration.ofMillis(1000));
        heartbeat("srv2", "srv3");
        clock.advance(Duration.ofMillis(600));
        heartbeat("srv2", "srv3");
        sweeping.sweep(); // srv1 dead: v1 moved, but t2 is busy and t3 is a route its number just failed on
        following.onCallEvent(event(onT3, CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));
        sweeping.sweep(); // only t3 has room: v1 cannot take it and stays first; the next in line takes t3
        assertThat(commands).hasSize(4);
        assertThat(lastCommand().verificationId()).isEqualTo("hot-1");
        assertThat(lastCommand().trunkId()).isEqualTo("t3");
        assertThat(ledger.verification("v1").isQueued()).isTrue();

        following.onCallEvent(event(onT2, CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));
        sweeping.sweep();

        assertThat(commands).hasSize(5);
        assertThat(lastCommand().verificationId()).as("ahead of hot-2, hot-3, hot-4").isEqualTo("v1");
        assertThat(lastCommand().trunkId()).isEqualTo("t2");
        assertThat(dead).isEqualTo("srv1");
    }

    @Test
    void aVerificationInTheLineThatFindsNoRoomItMayTakeKeepsItsPlaceAndTheRoomGoesToTheNext() {
        wire(TestFleet.builder().server("srv1", trunk("t1", 100, 1)).server("srv2", trunk("t2", 100, 1)));
        heartbeat("srv1", "srv2");
        accepting.onRequested(request("x-0", "other-shop"));
        accepting.onRequested(request("x-1", "other-shop"));
        for (int i = 1; i <= 3; i++) {
            accepting.onRequested(request("a-" + i, "big-shop"));
        }
        assertThat(line.size()).isEqualTo(3);
        DialCommand onT1 = commands.stream().filter(c -> c.trunkId().equals("t1")).findFirst().orElseThrow();
        DialCommand onT2 = commands.stream().filter(c -> c.trunkId().equals("t2")).findFirst().orElseThrow();
        memory.remember(numbers.get("a-1"), "t2", OutcomeClass.ROUTE_FAILURE); // a-1's number failed on t2 lately

        following.onCallEvent(event(onT2, CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));
        sweeping.sweep(); // t2 has room: not for a-1, which keeps its place; a-2 takes it

        assertThat(lastCommand().verificationId()).isEqualTo("a-2");
        assertThat(lastCommand().trunkId()).isEqualTo("t2");
        assertThat(ledger.verification("a-1").isQueued()).as("nothing written: still in the line").isTrue();
        assertThat(line.size()).isEqualTo(2);

        following.onCallEvent(event(onT1, CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));
        sweeping.sweep(); // no time passed: a-1 is first in its client's line, not behind a-3

        assertThat(lastCommand().verificationId()).isEqualTo("a-1");
        assertThat(lastCommand().trunkId()).isEqualTo("t1");
        assertThat(line.size()).isEqualTo(1);
        assertThat(ledger.verification("a-1").attemptsMade()).isEqualTo(1);
    }

    @Test
    void aNewRequestThatFindsNoRoomItMayTakeWaitsInTheLineAndTakesTheNextRoomThatFreesForIt() {
        wire(TestFleet.builder().server("srv1", trunk("t1", 100, 1)).server("srv2", trunk("t2", 100, 1)));
        heartbeat("srv1", "srv2");
        accepting.onRequested(request("x-0", "other-shop"));
        DialCommand busy = lastCommand();
        String freeTrunk = busy.trunkId().equals("t1") ? "t2" : "t1";
        VerificationRequested v1 = request("v1");
        memory.remember(v1.phoneNumber(), freeTrunk, OutcomeClass.ROUTE_FAILURE); // its number failed there lately

        accepting.onRequested(v1); // a start is free, but only on the trunk it should avoid

        assertThat(commands).hasSize(1);
        assertThat(ledger.verification("v1").isQueued()).as("in the line at once").isTrue();
        assertThat(line.size()).isOne();

        following.onCallEvent(event(busy, CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));
        sweeping.sweep(); // no time passed

        assertThat(lastCommand().verificationId()).isEqualTo("v1");
        assertThat(lastCommand().trunkId()).isEqualTo(busy.trunkId());
    }

    @Test
    void anotherInstancesUseOfATrunkIsRespectedAndItsRefusalSendsTheAttemptElsewhere() {
        wire(TestFleet.builder().server("srv1", trunk("t1", 100, 2)).server("srv2", trunk("t2", 100, 2)));
        heartbeat("srv1", "srv2");
        capacityLedger.takenByAnotherInstance("t1", 2);

        accepting.onRequested(request("v1"));
        accepting.onRequested(request("v2"));
        accepting.onRequested(request("v3"));

        assertThat(commands).extracting(DialCommand::trunkId).containsExactly("t2", "t2");
        assertThat(ledger.verification("v3").isQueued()).isTrue();
    }

    @Test
    void aSmallClientsSingleOrderIsPlacedWithinOneTurnOfAHotClientsBurst() {
        wire(TestFleet.builder().server("srv1", trunk("t1", 100, 1)));
        heartbeat("srv1");
        for (int i = 0; i < 300; i++) {
            accepting.onRequested(request("hot-" + i, "big-shop"));
        }
        accepting.onRequested(request("small-1", "small-shop"));
        assertThat(commands).extracting(DialCommand::verificationId).containsExactly("hot-0");
        assertThat(line.sizesByClient()).containsEntry("big-shop", 299).containsEntry("small-shop", 1);

        // One channel: each end frees it for the next in the line's order.
        for (int turn = 0; turn < 3; turn++) {
            following.onCallEvent(event(lastCommand(), CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));
            sweeping.sweep();
        }

        assertThat(commands).extracting(DialCommand::verificationId).hasSize(4).contains("small-1");
        assertThat(commands.subList(0, 3)).extracting(DialCommand::verificationId).contains("small-1");
    }

    @Test
    void aPollOfRequestsFillsTheFreeStartsAtOnceAndQueuesTheRestFairlyWithDuplicatesIgnored() {
        wire(TestFleet.builder().server("srv1", trunk("t1", 2, 10)));
        heartbeat("srv1");
        accepting.onRequested(request("hot-0", "big-shop"));
        List<AcceptingRequests.Request> poll = new ArrayList<>();
        for (int i = 1; i < 5; i++) {
            poll.add(new AcceptingRequests.Request(request("hot-" + i, "big-shop"), 0));
        }
        poll.add(new AcceptingRequests.Request(request("small-1", "small-shop"), 0));
        poll.add(new AcceptingRequests.Request(request("hot-0", "big-shop"), 0)); // redelivered

        accepting.onRequested(poll);

        // two CPS: hot-1 takes the second start, the rest wait, registered queued; hot-0 is not dialed again
        assertThat(commands).extracting(DialCommand::verificationId).containsExactly("hot-0", "hot-1");
        assertThat(line.sizesByClient()).containsEntry("big-shop", 3).containsEntry("small-shop", 1);
        assertThat(ledger.verification("small-1").isQueued()).isTrue();
        assertThat(ledger.verification("hot-4").isQueued()).isTrue();

        clock.advance(Duration.ofSeconds(1));
        heartbeat("srv1");
        sweeping.sweep();
        // the small shop's single order is among the next two starts, whatever the big shop queued before it
        assertThat(commands.subList(2, 4)).extracting(DialCommand::verificationId).contains("small-1");
    }

    /** One channel: big-shop's a-0 is dialed, its a-1 could not be and waits in the line after a sweep. */
    private void aLiveCallAndOneVerificationWaitingInTheLine() {
        wire(TestFleet.builder().server("srv1", trunk("t1", 100, 1)));
        heartbeat("srv1");
        accepting.onRequested(request("a-0", "big-shop"));
        accepting.onRequested(request("a-1", "big-shop"));
        clock.advance(RETRY_DELAY);
        heartbeat("srv1");
        sweeping.sweep();
    }

    @Test
    void aClientsNewRequestGoesBehindItsOwnWaitingOnesAndTheLineSurvivesARebuild() {
        aLiveCallAndOneVerificationWaitingInTheLine();
        accepting.onRequested(request("a-2", "big-shop"));
        assertThat(ledger.verification("a-2").isQueued()).isTrue();
        assertThat(line.size()).isEqualTo(2);

        // A restarted instance rebuilds the line from the ledger's queued rows.
        wire(TestFleet.builder().server("srv1", trunk("t1", 100, 1)));
        heartbeat("srv1");
        assertThat(line.size()).isEqualTo(2);
        takingOver.assigned(Set.of(0));
        following.onCallEvent(event(commands.getFirst(), CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));
        sweeping.sweep();
        assertThat(commands).extracting(DialCommand::verificationId).containsExactly("a-0", "a-1");
    }

    @Test
    void aVerificationFromTheLineWhosePlacementFailsKeepsItsPlaceAndIsPlacedOnceTheLedgerIsBack() {
        aLiveCallAndOneVerificationWaitingInTheLine();
        following.onCallEvent(event(commands.getFirst(), CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));
        ledger.attemptWritesFail(true);

        sweeping.placeFromLine();

        assertThat(commands).hasSize(1);
        assertThat(line.size()).as("still in the line, not left queued outside it").isOne();
        assertThat(ledger.verification("a-1").isQueued()).isTrue();

        ledger.attemptWritesFail(false);
        sweeping.placeFromLine();

        assertThat(commands).extracting(DialCommand::verificationId).containsExactly("a-0", "a-1");
        assertThat(line.size()).isZero();
    }

    @Test
    void aWaitingVerificationWhoseRowChangedSinceItWasQueuedIsPlacedAsItIsNowAndOnce() {
        aLiveCallAndOneVerificationWaitingInTheLine();
        assertThat(line.size()).isOne();
        // Written elsewhere since it was queued (still waiting): the line's snapshot of it is stale now.
        Verification rewritten = ledger.save(ledger.verification("a-1")).orElseThrow();

        following.onCallEvent(event(commands.getFirst(), CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));
        sweeping.sweep();

        assertThat(commands).extracting(DialCommand::verificationId).containsExactly("a-0", "a-1");
        assertThat(ledger.verification("a-1").status()).isEqualTo(VerificationStatus.IN_PROGRESS);
        assertThat(ledger.verification("a-1").version()).isGreaterThan(rewritten.version());
        assertThat(line.size()).isZero();
    }

    @Test
    void aVerificationWhoseTtlPassesWhileInTheLineIsExpired() {
        aLiveCallAndOneVerificationWaitingInTheLine();
        assertThat(ledger.verification("a-1").isQueued()).isTrue();

        clock.advance(TTL);
        heartbeat("srv1");
        sweeping.sweep();

        assertThat(ledger.verification("a-1").status()).isEqualTo(VerificationStatus.EXPIRED);
        assertThat(line.size()).isZero();
    }

    @Test
    void onlyTheOwnedPartitionsAreSweptAndAFreshOwnerRebuildsTheirLiveAttempts() {
        wire(TestFleet.builder().server("srv1", trunk("t1", 100, 1)));
        heartbeat("srv1");
        accepting.onRequested(request("v1"), 3);
        accepting.onRequested(request("v2"), 5);
        assertThat(commands).extracting(DialCommand::verificationId).containsExactly("v1");

        // A fresh instance that owns v1's partition only: it rebuilds v1's live attempt, and never sweeps v2.
        wire(TestFleet.builder().server("srv1", trunk("t1", 100, 1)));
        heartbeat("srv1");
        takingOver.revoked(Set.of(0));
        takingOver.assigned(Set.of(3));
        clock.advance(RETRY_DELAY);
        sweeping.sweep();
        assertThat(commands).hasSize(1);

        // With v2's partition too, v2 is swept, but v1's rebuilt call still holds the trunk's one channel.
        takingOver.assigned(Set.of(5));
        clock.advance(RETRY_DELAY);
        sweeping.sweep();
        assertThat(commands).hasSize(1);
        assertThat(ledger.verification("v2").isQueued()).isTrue();

        following.onCallEvent(event(commands.getFirst(), CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));
        clock.advance(RETRY_DELAY);
        sweeping.sweep();
        assertThat(commands).extracting(DialCommand::verificationId).containsExactly("v1", "v2");
    }

    @Test
    void aNewVerificationOfANumberAvoidsTheRouteItFailedOnLatelyButNotForever() {
        accepting.onRequested(requestFor("v1", "+447700900555"));
        DialCommand failed = lastCommand();
        following.onCallEvent(event(failed, CallEventType.ENDED, CallSignal.failedBeforeAlerting(38, null)));
        DialCommand retry = lastCommand();
        assertThat(retry.trunkId()).isNotEqualTo(failed.trunkId());
        following.onCallEvent(event(retry, CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));

        accepting.onRequested(requestFor("v2", "+447700900555"));
        assertThat(lastCommand().verificationId()).isEqualTo("v2");
        assertThat(lastCommand().trunkId()).as("the route that failed this number a moment ago")
                .isNotEqualTo(failed.trunkId());
        following.onCallEvent(event(lastCommand(), CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));

        clock.advance(MEMORY_TTL);
        heartbeat("srv1", "srv2");
        assertThat(memory.trunksToAvoid("+447700900555")).isEmpty();
    }

    @Test
    void anUnacknowledgedResultIsPublishedAgainWithTheSameEventId() {
        accepting.onRequested(request("v1"));
        resultsFail = true;
        following.onCallEvent(event(lastCommand(), CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));
        assertThat(results).isEmpty();

        resultsFail = false;
        sweeping.sweep();
        assertThat(results).isEmpty();

        clock.advance(REPUBLISH);
        sweeping.sweep();
        sweeping.sweep();
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(VerificationStatus.VERIFIED);
            assertThat(r.eventId()).isEqualTo(CompletingVerifications.resultEventId("v1"));
        });
    }

    @Test
    void anEndAfterTheAttemptWasPresumedLostChangesNothing() {
        accepting.onRequested(request("v1"));
        DialCommand command = lastCommand();
        following.onCallEvent(event(command, CallEventType.RINGING, null));
        clock.advance(WINDOW.plus(RING).plus(GRACE));
        sweeping.sweep(); // the verdict was given at the ringing; the silent attempt is now closed as lost

        following.onCallEvent(event(command, CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));

        assertThat(results).hasSize(1);
        assertThat(commands).hasSize(1);
        assertThat(ledger.findAttempt(command.attemptId())).get().extracting(a -> a.status()).isEqualTo(AttemptStatus.LOST);
    }

    @Test
    void eventsForUnknownAttemptsAndInboundCallsAreIgnored() {
        var stranger = new DialCommand("e", clock.instant(), "nobody", "v9", "+447700900999", "t1", "srv1", 1, null, 30,
                clock.instant());
        following.onCallEvent(event(stranger, CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));
        following.onCallEvent(event(stranger, CallEventType.INBOUND_CALL, null));

        assertThat(results).isEmpty();
        assertThat(commands).isEmpty();
    }

    @Test
    void attemptsStillLiveAfterARestartOccupyTheirChannels() {
        wire(TestFleet.builder().server("srv1", trunk("t1", 100, 1)));
        heartbeat("srv1");
        accepting.onRequested(request("v1"));

        wire(TestFleet.builder().server("srv1", trunk("t1", 100, 1))); // a restarted instance: a fresh fleet view
        heartbeat("srv1");
        accepting.onRequested(request("v2"));

        assertThat(commands).extracting(DialCommand::verificationId).containsExactly("v1");
    }

    @Test
    void resultsCarryTheClientsOwnKey() {
        accepting.onRequested(request("v1"));
        following.onCallEvent(event(lastCommand(), CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));

        assertThat(results.getFirst().key()).isEqualTo("client-1");
        assertThat(results.getFirst().requestedAt()).isEqualTo(clock.instant());
    }

    @Test
    void aSecondVerificationOfANumberInALiveCallIsDialedOnlyAfterThatCallEnded() {
        accepting.onRequested(requestFor("v1", "+447700900777"));
        DialCommand first = lastCommand();
        accepting.onRequested(requestFor("v2", "+447700900777"));

        assertThat(commands).hasSize(1);
        assertThat(ledger.verification("v2").status()).isEqualTo(VerificationStatus.PENDING);
        assertThat(ledger.verification("v2").nextAttemptAt()).isEqualTo(clock.instant().plus(RETRY_DELAY));
        assertThat(noPlacements(NoPlacementReason.NUMBER_IN_CALL)).isEqualTo(1);
        assertThat(fleet.headroom()).as("the refused reservation was given back")
                .extracting(t -> t.inFlight()).containsExactlyInAnyOrder(1, 0);

        following.onCallEvent(event(first, CallEventType.RINGING, null)); // v1 is VERIFIED, its call still live
        clock.advance(RETRY_DELAY);
        heartbeat("srv1", "srv2");
        sweeping.sweep();
        assertThat(commands).hasSize(1);
        assertThat(noPlacements(NoPlacementReason.NUMBER_IN_CALL)).isEqualTo(2);

        following.onCallEvent(event(first, CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));
        clock.advance(RETRY_DELAY);
        sweeping.sweep();

        assertThat(commands).extracting(DialCommand::verificationId).containsExactly("v1", "v2");
        assertThat(ledger.liveAttemptOn("+447700900777")).contains(lastCommand().attemptId());
    }

    @Test
    void aRetryOfTheSameVerificationTakesItsNumberOver() {
        accepting.onRequested(request("v1"));
        DialCommand first = lastCommand();

        following.onCallEvent(event(first, CallEventType.ENDED, CallSignal.failedBeforeAlerting(38, null)));

        assertThat(commands).hasSize(2);
        assertThat(ledger.liveAttemptOn(first.phoneNumber())).contains(lastCommand().attemptId());
    }

    @Test
    void aVerificationWhoseNumberIsInACallDoesNotHoldUpTheOthersWaiting() {
        wire(TestFleet.builder().server("srv1", trunk("t1", 100, 10)), 1);
        heartbeat("srv1");
        accepting.onRequested(requestFor("v1", "+447700900777"));
        clock.advance(Duration.ofSeconds(3)); // no live server: the next two wait
        accepting.onRequested(requestFor("v2", "+447700900777"));
        accepting.onRequested(requestFor("v3", "+447700900888"));
        clock.advance(RETRY_DELAY);
        heartbeat("srv1");

        sweeping.sweep(); // one row per sweep: v2, whose number is busy
        sweeping.sweep(); // v2 went behind the others: v3

        assertThat(commands).extracting(DialCommand::verificationId).containsExactly("v1", "v3");
    }

    @Test
    void aLostAttemptIsFoundEvenBehindMoreWaitingVerificationsThanOneSweepTakes() {
        wire(TestFleet.builder().server("srv1", trunk("t1", 100, 1)), 2);
        heartbeat("srv1");
        accepting.onRequested(request("v1"));
        DialCommand lost = lastCommand();
        accepting.onRequested(request("v2")); // no channel free: these wait, due long before v1's attempt is overdue
        accepting.onRequested(request("v3"));
        accepting.onRequested(request("v4"));

        clock.advance(WINDOW.plus(RING).plus(GRACE));
        heartbeat("srv1");
        sweeping.sweep();

        assertThat(ledger.findAttempt(lost.attemptId())).get().extracting(a -> a.status()).isEqualTo(AttemptStatus.LOST);
        assertThat(commands).hasSize(2);
    }

    @Test
    void anUnpublishedResultIsRepublishedEvenBehindMoreWaitingVerificationsThanOneSweepTakes() {
        wire(TestFleet.builder().server("srv1", trunk("t1", 100, 1)), 2);
        heartbeat("srv1");
        accepting.onRequested(request("v1"));
        DialCommand first = lastCommand();
        accepting.onRequested(request("v2"));
        accepting.onRequested(request("v3"));
        accepting.onRequested(request("v4"));
        resultsFail = true;
        following.onCallEvent(event(first, CallEventType.ENDED, CallSignal.failedBeforeAlerting(1, 404)));
        resultsFail = false;
        clock.advance(Duration.ofSeconds(3)); // the server goes quiet: the waiting ones cannot be placed

        clock.advance(REPUBLISH);
        sweeping.sweep();

        assertThat(results).singleElement().extracting(VerificationCompleted::status).isEqualTo(VerificationStatus.INVALID);
    }

    @Test
    void aResultThatCannotBePublishedIsTriedAgainOnlyAfterTheRepublishDelay() {
        accepting.onRequested(request("v1"));
        resultsFail = true;
        following.onCallEvent(event(lastCommand(), CallEventType.ENDED, CallSignal.failedBeforeAlerting(1, 404)));
        clock.advance(REPUBLISH);

        sweeping.sweep();

        assertThat(results).isEmpty();
        assertThat(ledger.verification("v1").nextAttemptAt()).isEqualTo(clock.instant().plus(REPUBLISH));
    }
}
