package io.codac.scheduler.ledger;

import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.domain.OutcomeClass;
import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.domain.VerificationStatus;
import io.codac.contracts.event.DialCommand;
import io.codac.contracts.json.EventCodec;
import io.codac.scheduler.verification.domain.Attempt;
import io.codac.scheduler.verification.domain.NewAttemptOutcome;
import io.codac.scheduler.verification.domain.PartitionScope;
import io.codac.scheduler.verification.domain.Verification;
import io.codac.scheduler.verification.domain.VerificationLedger;
import io.codac.testsupport.Database;
import io.codac.testsupport.Infrastructure;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ledger adapter on a real MariaDB, migrated by the scheduler's own Flyway scripts: the rules the use cases
 * rely on — one live attempt per number whatever thread asks, the number released with the attempt's end, due
 * rows of each kind found apart — hold in SQL, not only in the in-memory double.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class R2dbcVerificationLedgerIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final Instant LOST_AT = T0.plusSeconds(115);

    private final AtomicInteger numbers = new AtomicInteger();
    private R2dbcVerificationLedger ledger;

    @BeforeAll
    void migrate() {
        Database db = Infrastructure.shared().newDatabase();
        Flyway.configure()
                .dataSource(db.jdbcUrl(), db.username(), db.password())
                .locations("classpath:db/migration/scheduler")
                .table("flyway_history_scheduler")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        ConnectionFactory connections = ConnectionFactories.get(ConnectionFactoryOptions.parse(db.r2dbcUrl()).mutate()
                .option(ConnectionFactoryOptions.USER, db.username())
                .option(ConnectionFactoryOptions.PASSWORD, db.password())
                .build());
        ledger = new R2dbcVerificationLedger(DatabaseClient.create(connections),
                TransactionalOperator.create(new R2dbcTransactionManager(connections)), new EventCodec());
    }

    @Test
    void ofManyVerificationsOfOneNumberPlacedAtOnceExactlyOneGetsALiveAttempt() throws Exception {
        String number = nextNumber();
        int racers = 6;
        List<Verification> pending = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            pending.add(registered(number));
        }
        ExecutorService threads = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<NewAttemptOutcome>> outcomes = new ArrayList<>();
            for (Verification verification : pending) {
                Callable<NewAttemptOutcome> place = () -> {
                    start.await();
                    return place(verification.placed(LOST_AT), attemptOf(verification));
                };
                outcomes.add(threads.submit(place));
            }
            start.countDown();
            List<NewAttemptOutcome> results = new ArrayList<>();
            for (Future<NewAttemptOutcome> outcome : outcomes) {
                results.add(outcome.get(30, TimeUnit.SECONDS));
            }

            assertThat(results).filteredOn(NewAttemptOutcome.Recorded.class::isInstance).hasSize(1);
            assertThat(results).filteredOn(NewAttemptOutcome.NumberInCall.class::isInstance).hasSize(racers - 1);
        } finally {
            threads.shutdownNow();
        }
        assertThat(pending.stream().mapToLong(v -> ledger.attemptsOf(v.id()).size()).sum())
                .as("the refused ones wrote nothing").isEqualTo(1);
        assertThat(pending.stream().map(v -> ledger.find(v.id()).orElseThrow().status()))
                .containsOnlyOnce(VerificationStatus.IN_PROGRESS);
    }

    @Test
    void theNumberIsFreeAgainOnceItsAttemptEnded() {
        String number = nextNumber();
        Verification first = registered(number);
        Attempt attempt = attemptOf(first);
        Verification inProgress = recorded(place(first.placed(LOST_AT), attempt));
        Verification second = registered(number);

        assertThat(place(second.placed(LOST_AT), attemptOf(second)))
                .isInstanceOf(NewAttemptOutcome.NumberInCall.class);
        assertThat(ledger.find(second.id()).orElseThrow().version()).as("rolled back").isEqualTo(second.version());

        Attempt ended = attempt.ended(OutcomeClass.VERIFIED, CallSignal.flashHangUpAfterRinging(), T0.plusSeconds(5));
        assertThat(ledger.saveWithFinishedAttempt(inProgress.completed(VerificationStatus.VERIFIED, "rang",
                T0.plusSeconds(5), T0.plusSeconds(15)), ended)).isPresent();

        assertThat(place(second.placed(LOST_AT), attemptOf(second)))
                .isInstanceOf(NewAttemptOutcome.Recorded.class);
    }

    @Test
    void anAttemptFinishedAloneReleasesItsNumberAndAStaleFinishNeverReleasesAnothersHold() {
        String number = nextNumber();
        Verification first = registered(number);
        Attempt firstAttempt = attemptOf(first);
        Verification inProgress = recorded(place(first.placed(LOST_AT), firstAttempt));
        ledger.save(inProgress.completed(VerificationStatus.VERIFIED, "the phone rang", T0, T0.plusSeconds(10)));

        Attempt ended = firstAttempt.ended(OutcomeClass.VERIFIED, CallSignal.flashHangUpAfterRinging(), T0);
        assertThat(ledger.finishAttempt(ended)).isTrue();
        Verification second = registered(number);
        recorded(place(second.placed(LOST_AT), attemptOf(second)));

        assertThat(ledger.finishAttempt(ended)).as("a repeated end").isFalse();
        Verification third = registered(number);
        assertThat(place(third.placed(LOST_AT), attemptOf(third)))
                .isInstanceOf(NewAttemptOutcome.NumberInCall.class);
    }

    @Test
    void aLiveAttemptIsOverdueOnlyFromItsPresumedLostTimeAndUntilItFinishes() {
        Verification pending = registered(nextNumber());
        Attempt attempt = attemptOf(pending);
        Verification inProgress = recorded(place(pending.placed(LOST_AT), attempt));
        ledger.save(inProgress.completed(VerificationStatus.VERIFIED, "the phone rang", T0, T0.plusSeconds(10)));

        assertThat(ledger.overdueLiveAttempts(LOST_AT.minusMillis(1), 1000, PartitionScope.ALL)).extracting(Attempt::attemptId)
                .doesNotContain(attempt.attemptId());
        assertThat(ledger.overdueLiveAttempts(LOST_AT, 1000, PartitionScope.ALL)).extracting(Attempt::attemptId)
                .contains(attempt.attemptId());

        ledger.finishAttempt(attempt.lost(OutcomeClass.VERIFIED, LOST_AT));
        assertThat(ledger.overdueLiveAttempts(LOST_AT, 1000, PartitionScope.ALL)).extracting(Attempt::attemptId)
                .doesNotContain(attempt.attemptId());
    }

    @Test
    void followUpsAreFoundApartFromALongerQueueOfWaitingVerifications() {
        // Waiting rows due before the follow-ups: one query over both, oldest first, would return only those.
        Instant far = T0.plus(Duration.ofDays(3650));
        for (int i = 0; i < 5; i++) {
            registered(nextNumber(), far.minusSeconds(60).plusMillis(i));
        }
        Verification lost = registered(nextNumber(), far.minusSeconds(60));
        Verification inProgress = recorded(place(lost.placed(far.minusSeconds(1)), attemptOf(lost)));
        Verification unpublished = registered(nextNumber(), far.minusSeconds(60));
        ledger.save(unpublished.completed(VerificationStatus.EXPIRED, "ttl", far.minusSeconds(30), far.minusSeconds(2)));

        List<Verification> pending = ledger.duePending(far, 2, PartitionScope.ALL);
        List<Verification> followUps = ledger.dueFollowUps(far, 100, PartitionScope.ALL);

        assertThat(pending).hasSize(2).allSatisfy(v -> assertThat(v.status()).isEqualTo(VerificationStatus.PENDING));
        assertThat(followUps).extracting(Verification::id).contains(inProgress.id(), unpublished.id());
        assertThat(followUps).noneSatisfy(v -> assertThat(v.status()).isEqualTo(VerificationStatus.PENDING));
    }

    @Test
    void aDialCommandIsRecordedWithItsAttemptAndRelayedUntilMarkedSent() {
        Verification pending = registered(nextNumber());
        Attempt attempt = attemptOf(pending);
        DialCommand command = commandFor(pending, attempt);
        recorded(ledger.saveWithNewAttempt(pending.placed(LOST_AT), attempt, command));

        assertThat(ledger.unsentCommands(T0, 1000, PartitionScope.ALL)).as("recorded at T0, not before")
                .extracting(DialCommand::attemptId).doesNotContain(attempt.attemptId());
        assertThat(ledger.unsentCommands(T0.plusMillis(1), 1000, PartitionScope.ALL)).contains(command);

        ledger.commandSent(attempt.attemptId(), T0.plusSeconds(1));
        ledger.commandSent(attempt.attemptId(), T0.plusSeconds(2));
        assertThat(ledger.unsentCommands(T0.plusSeconds(60), 1000, PartitionScope.ALL))
                .extracting(DialCommand::attemptId).doesNotContain(attempt.attemptId());
    }

    @Test
    void aCommandWhoseAttemptFinishedIsNotRelayed() {
        Verification pending = registered(nextNumber());
        Attempt attempt = attemptOf(pending);
        Verification inProgress = recorded(ledger.saveWithNewAttempt(pending.placed(LOST_AT), attempt,
                commandFor(pending, attempt)));
        assertThat(ledger.saveWithFinishedAttempt(inProgress.handedBack(T0.plusSeconds(1)),
                attempt.handedBack(T0.plusSeconds(1)))).isPresent();

        assertThat(ledger.unsentCommands(T0.plusSeconds(60), 1000, PartitionScope.ALL))
                .extracting(DialCommand::attemptId).doesNotContain(attempt.attemptId());
    }

    @Test
    void publishedResultsAreRecordedInOneBatchAndOnlyForTerminalVerifications() {
        Verification first = registered(nextNumber());
        Verification second = registered(nextNumber());
        Verification waiting = registered(nextNumber());
        ledger.save(first.completed(VerificationStatus.VERIFIED, "rang", T0, T0.plusSeconds(10)));
        ledger.save(second.completed(VerificationStatus.INVALID, "unallocated", T0, T0.plusSeconds(10)));

        ledger.resultsPublished(List.of(first.id(), second.id(), waiting.id()));
        ledger.resultsPublished(List.of(first.id()));

        assertThat(ledger.find(first.id()).orElseThrow().nextAttemptAt()).isNull();
        assertThat(ledger.find(second.id()).orElseThrow().nextAttemptAt()).isNull();
        assertThat(ledger.find(waiting.id()).orElseThrow().nextAttemptAt()).as("not terminal: untouched")
                .isEqualTo(waiting.nextAttemptAt());
        assertThat(ledger.find(first.id()).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    void eachInstanceSeesOnlyTheVerificationsOfItsPartitionsAndThoseRecordedWithoutOne() {
        Instant far = T0.plus(Duration.ofDays(3000));
        Verification ofOne = registered(nextNumber(), far, 1);
        Verification ofTwo = registered(nextNumber(), far, 2);
        Verification ofNone = registered(nextNumber(), far, null);
        Attempt live = attemptOf(ofTwo);
        recorded(ledger.saveWithNewAttempt(ofTwo.placed(far.plusSeconds(1)), live, commandFor(ofTwo, live)));

        assertThat(ledger.duePending(far, 1000, PartitionScope.of(Set.of(1)))).extracting(Verification::id)
                .contains(ofOne.id(), ofNone.id()).doesNotContain(ofTwo.id());
        assertThat(ledger.duePending(far, 1000, PartitionScope.of(Set.of()))).isEmpty();
        assertThat(ledger.liveAttempts(PartitionScope.of(Set.of(1)))).extracting(Attempt::attemptId)
                .doesNotContain(live.attemptId());
        assertThat(ledger.liveAttempts(PartitionScope.of(Set.of(2, 3)))).extracting(Attempt::attemptId)
                .contains(live.attemptId());
        assertThat(ledger.unsentCommands(far.plusSeconds(1), 1000, PartitionScope.of(Set.of(1))))
                .extracting(DialCommand::attemptId).doesNotContain(live.attemptId());
        assertThat(ledger.unsentCommands(far.plusSeconds(1), 1000, PartitionScope.of(Set.of(2))))
                .extracting(DialCommand::attemptId).contains(live.attemptId());
    }

    private NewAttemptOutcome place(Verification placed, Attempt attempt) {
        return ledger.saveWithNewAttempt(placed, attempt, commandFor(placed, attempt));
    }

    @Test
    void manyRegisteredTogetherKeepTheirStateAndPartitionAndOnlyTheNewOnesComeBack() {
        Verification known = registered(nextNumber(), T0, 4);
        Verification queued = Verification.requested("v-" + UUID.randomUUID(), "client-it", nextNumber(),
                VerificationMethod.FLASH_CALL, T0, T0.plusSeconds(300), T0).queued();
        Verification due = Verification.requested("v-" + UUID.randomUUID(), "client-it", nextNumber(),
                VerificationMethod.FLASH_CALL, T0, T0.plusSeconds(300), T0);

        List<Verification> registered = ledger.registerAll(List.of(
                new VerificationLedger.Registration(queued, 7),
                new VerificationLedger.Registration(known, 4),
                new VerificationLedger.Registration(due, 8),
                new VerificationLedger.Registration(queued, 7)));

        assertThat(registered).containsExactly(queued, due);
        assertThat(ledger.find(queued.id())).contains(queued);
        assertThat(ledger.find(due.id())).contains(due);
        assertThat(ledger.queued(1000, PartitionScope.of(Set.of(7)))).extracting(Verification::id).contains(queued.id());
        assertThat(ledger.queued(1000, PartitionScope.of(Set.of(8)))).extracting(Verification::id)
                .doesNotContain(queued.id());
        assertThat(ledger.duePending(T0, 1000, PartitionScope.of(Set.of(8)))).extracting(Verification::id)
                .contains(due.id());
        assertThat(ledger.registerAll(List.of(new VerificationLedger.Registration(queued, 7),
                new VerificationLedger.Registration(due, 8)))).isEmpty();
    }

    private static DialCommand commandFor(Verification verification, Attempt attempt) {
        return new DialCommand(UUID.randomUUID().toString(), attempt.placedAt(), attempt.attemptId(),
                verification.id(), verification.phoneNumber(), attempt.trunkId(), attempt.serverId(),
                attempt.attemptNumber(), null, 30, attempt.placedAt().plusSeconds(10));
    }

    private Verification registered(String number, Instant due, Integer partition) {
        Verification verification = Verification.requested("v-" + UUID.randomUUID(), "client-it", number,
                VerificationMethod.FLASH_CALL, due, due.plusSeconds(300), due);
        assertThat(ledger.register(verification, partition)).isTrue();
        return verification;
    }

    private Verification registered(String number) {
        return registered(number, T0);
    }

    private Verification registered(String number, Instant due) {
        Verification verification = Verification.requested("v-" + UUID.randomUUID(), "client-it", number,
                VerificationMethod.FLASH_CALL, due, due.plusSeconds(300), due);
        assertThat(ledger.register(verification)).isTrue();
        return verification;
    }

    private static Attempt attemptOf(Verification pending) {
        return Attempt.placed(UUID.randomUUID().toString(), pending, "t1", "srv1", T0);
    }

    private static Verification recorded(NewAttemptOutcome outcome) {
        assertThat(outcome).isInstanceOf(NewAttemptOutcome.Recorded.class);
        return ((NewAttemptOutcome.Recorded) outcome).saved();
    }

    private String nextNumber() {
        return String.format("+4477008%05d", numbers.incrementAndGet());
    }
}
