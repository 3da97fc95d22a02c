package io.codac.scheduler.verification;

import io.codac.contracts.domain.CallSignal;
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
import io.codac.scheduler.fleet.domain.FleetView;
import io.codac.scheduler.placement.domain.PlacementPolicy;
import io.codac.scheduler.testing.InMemoryLedger;
import io.codac.testsupport.MutableClock;
import io.codac.scheduler.testing.TestFleet;
import io.codac.scheduler.verification.domain.AttemptStatus;
import io.codac.scheduler.verification.domain.RetryPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private static final Duration GRACE = Duration.ofSeconds(15);
    private static final Duration REPUBLISH = Duration.ofSeconds(10);
    private static final Duration TTL = Duration.ofMinutes(5);

    private final MutableClock clock = MutableClock.atNoon();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final List<DialCommand> commands = new ArrayList<>();
    private final List<VerificationCompleted> results = new ArrayList<>();
    private boolean commandsFail;
    private boolean resultsFail;

    private FleetView fleet;
    private AcceptingRequests accepting;
    private FollowingCalls following;
    private SweepingLedger sweeping;

    @BeforeEach
    void wire() {
        wire(TestFleet.builder()
                .server("srv1", trunk("t1", 100, 10))
                .server("srv2", trunk("t2", 100, 10)));
        heartbeat("srv1", "srv2");
    }

    private void wire(TestFleet fleetBuilder) {
        var settings = new SchedulingSettings(RING, WINDOW, GRACE, REPUBLISH, TTL, 100);
        fleet = new FleetView(fleetBuilder.build(), new PlacementPolicy(), clock, Duration.ofSeconds(2));
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
        var dispatching = new DispatchingAttempts(ledger, fleet, commandPublisher, SchedulerMetrics.NONE, settings, clock);
        var completing = new CompletingVerifications(ledger, resultPublisher, SchedulerMetrics.NONE, settings, clock);
        var settling = new SettlingAttempts(ledger, fleet, new RetryPolicy(3, Duration.ofSeconds(2)), dispatching,
                completing, SchedulerMetrics.NONE, clock);
        accepting = new AcceptingRequests(ledger, dispatching, completing, settings, clock);
        following = new FollowingCalls(ledger, new OutcomeClassifier(), settling, clock);
        sweeping = new SweepingLedger(ledger, fleet, dispatching, settling, completing, SchedulerMetrics.NONE, settings, clock);
    }

    private void heartbeat(String... servers) {
        for (String server : servers) {
            fleet.heartbeatReceived(server, ServerState.UP, clock.instant());
        }
    }

    private VerificationRequested request(String id) {
        return request(id, VerificationMethod.FLASH_CALL, clock.instant().plus(TTL));
    }

    private VerificationRequested request(String id, VerificationMethod method, Instant expiresAt) {
        return new VerificationRequested(UUID.randomUUID().toString(), clock.instant(), id, "client-1", "+447700900123",
                method, "order-1", null, expiresAt, null, Map.of());
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
    void aFlashCallThatRangIsVerifiedWithItsAttemptInTheResult() {
        accepting.onRequested(request("v1"));
        DialCommand command = lastCommand();

        following.onCallEvent(event(command, CallEventType.DIAL_STARTED, null));
        following.onCallEvent(event(command, CallEventType.RINGING, null));
        following.onCallEvent(event(command, CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));

        assertThat(results).hasSize(1);
        VerificationCompleted result = results.getFirst();
        assertThat(result.status()).isEqualTo(VerificationStatus.VERIFIED);
        assertThat(result.clientId()).isEqualTo("client-1");
        assertThat(result.attempts()).singleElement().satisfies(a -> {
            assertThat(a.attemptId()).isEqualTo(command.attemptId());
            assertThat(a.outcome()).isEqualTo(OutcomeClass.VERIFIED);
            assertThat(a.alerted()).isTrue();
            assertThat(a.q850Cause()).isEqualTo(16);
        });
        assertThat(ledger.verification("v1").nextAttemptAt()).as("result confirmed, nothing left to do").isNull();
        assertThat(fleet.headroom()).allSatisfy(t -> assertThat(t.inFlight()).isZero());
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
        assertThat(ledger.verification("v1").nextAttemptAt()).isNotNull();

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
    void aLostAttemptThatRangIsVerifiedAndNeverDialedAgain() {
        accepting.onRequested(request("v1"));
        following.onCallEvent(event(lastCommand(), CallEventType.RINGING, null));

        clock.advance(WINDOW.plus(RING).plus(GRACE));
        sweeping.sweep();

        assertThat(commands).hasSize(1);
        assertThat(results).singleElement().extracting(VerificationCompleted::status).isEqualTo(VerificationStatus.VERIFIED);
    }

    @Test
    void anUnacknowledgedDialCommandLeavesTheAttemptInDoubtUntilItIsPresumedLost() {
        commandsFail = true;
        accepting.onRequested(request("v1"));
        assertThat(ledger.verification("v1").status()).isEqualTo(VerificationStatus.IN_PROGRESS);

        commandsFail = false;
        sweeping.sweep();
        assertThat(commands).isEmpty();

        clock.advance(WINDOW.plus(RING).plus(GRACE));
        heartbeat("srv1", "srv2");
        sweeping.sweep();
        assertThat(commands).hasSize(1);
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
    void anEndAfterTheVerificationWasCompletedOnlyClosesTheAttempt() {
        accepting.onRequested(request("v1"));
        DialCommand command = lastCommand();
        following.onCallEvent(event(command, CallEventType.RINGING, null));
        clock.advance(WINDOW.plus(RING).plus(GRACE));
        sweeping.sweep(); // presumed lost after ringing: VERIFIED

        following.onCallEvent(event(command, CallEventType.ENDED, CallSignal.flashHangUpAfterRinging()));

        assertThat(results).hasSize(1);
        assertThat(commands).hasSize(1);
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
        sweeping.restoreInFlight();
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

}
