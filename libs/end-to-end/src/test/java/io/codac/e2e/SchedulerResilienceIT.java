package io.codac.e2e;

import io.codac.contracts.domain.Fleet;
import io.codac.contracts.domain.PhoneNumberMask;
import io.codac.contracts.domain.VerificationStatus;
import io.codac.contracts.event.VerificationCompleted;
import io.codac.contracts.topic.Topics;
import io.codac.e2e.SchedulerTraffic.Sent;
import io.codac.sim.SimulatedFleet;
import io.codac.sim.domain.CallRecord;
import io.codac.sim.domain.NumberFate;
import io.codac.sim.domain.SimSettings;
import io.codac.sim.domain.SimStats;
import io.codac.testsupport.Database;
import io.codac.testsupport.Infrastructure;
import io.codac.testsupport.ServiceProperties;
import io.codac.testsupport.TestFleets;
import io.codac.testsupport.TestNamespace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5's resilience on real parts: the scheduler runs as child processes from its exec jar, against the shared
 * broker, database and Redis; the simulated fleet (three servers of two trunks) and one dialer adapter per server
 * run in this JVM. Each test publishes a batch of requests for numbers whose fates are known, disrupts the
 * schedulers while calls of the batch are live, and then holds the carrier's side to the promises: every
 * verification ends with the status its number's fate implies, no number is in two live calls or dialed again
 * after it rang, no trunk is driven over its limit, and no number gets more calls than its fate needs.
 * <p>
 * The tests share the fleet, the adapters and the ledger's schema; each has its own scheduler processes, fresh
 * numbers, and its own share of the simulator's counters (taken as the difference across the test).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchedulerResilienceIT {

    private static final Logger log = LoggerFactory.getLogger(SchedulerResilienceIT.class);
    private static final Duration BOUND = Duration.ofSeconds(120);
    private static final Duration STARTUP_BOUND = Duration.ofSeconds(90);
    /**
     * Verifications of the batch completed before the disruption: it then meets every state — completed (never to be
     * dialed again), ringing, waiting for a retry, not yet placed.
     */
    private static final int COMPLETED_BEFORE_DISRUPTION = 10;
    private static final int MAX_ATTEMPTS = 3;

    private final List<SchedulerProcess> schedulers = new ArrayList<>();

    private TestNamespace namespace;
    private Topics topics;
    private Path fleetFile;
    private Database database;
    private SimulatedFleet sim;
    private HostedServices adapters;
    private SchedulerTraffic traffic;
    private SchedulerGroup group;
    private JedisPooled redis;
    private Infrastructure infra;

    @BeforeAll
    void startTheFleetAndItsAdapters() {
        infra = Infrastructure.shared();
        namespace = infra.newNamespace();
        topics = namespace.topics();
        // Two channels a trunk, and calls that ring 2 s before the flash hang-up: a batch takes several seconds, so a
        // disruption finds calls live and requests still waiting.
        Fleet fleet = TestFleets.fleet(3, 2, 5, 2);
        fleetFile = TestFleets.write(fleet);
        infra.createTopics(topics, fleet, 3);
        database = infra.newDatabase();
        sim = SimulatedFleet.start(fleet, SimSettings.fast().withSeed(20261123));
        adapters = new HostedServices(ServiceProperties.common(infra, namespace, fleetFile));
        adapters.startDialerAdapters(fleet, Map.of("codac.adapter.fleet-reload-interval", "0s",
                "codac.adapter.flash-hangup-delay", "2s"));
        traffic = new SchedulerTraffic(infra.kafkaBootstrapServers(), topics, "resilience-shop");
        group = new SchedulerGroup(infra.kafkaBootstrapServers(), topics.group("scheduler"),
                topics.verificationRequested());
        redis = new JedisPooled(URI.create(infra.redisUrl()));
    }

    /** A survivor is stopped gracefully, so it leaves the group at once and the next test's instances start clean. */
    @AfterEach
    void stopSchedulers() {
        schedulers.forEach(SchedulerProcess::close);
        schedulers.clear();
    }

    @AfterAll
    void stopEverything() {
        if (redis != null) {
            redis.close();
        }
        if (group != null) {
            group.close();
        }
        if (traffic != null) {
            traffic.close();
        }
        if (adapters != null) {
            adapters.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void aKilledInstancesPartitionsMoveToTheOtherAndEveryVerificationEndsWithNoNumberDialedTwice() {
        SchedulerProcess first = startScheduler("kill-a");
        SchedulerProcess second = startScheduler("kill-b");
        Map<String, Set<Integer>> owners = awaitOwners(Set.of(first.name(), second.name()));
        SchedulerProcess victim = owners.get(first.name()).size() >= owners.get(second.name()).size() ? first : second;
        SchedulerProcess survivor = victim == first ? second : first;
        Set<Integer> victimsPartitions = owners.get(victim.name());
        SimStats before = sim.stats();

        Batch batch = publishBatch();
        MidBatch atKill = awaitMidBatch(batch, r -> victimsPartitions.contains(r.partition()),
                "killing " + victim.name());
        victim.kill();

        assertThat(atKill.unfinished()).as("verifications of the killed instance's partitions without a result")
                .isNotEmpty();
        assertEveryVerificationEndsAsItsFateImplies(batch, before);
        assertThat(group.requestPartitionsByInstance())
                .as("the survivor took the killed instance's partitions")
                .containsExactly(Map.entry(survivor.name(), Set.of(0, 1, 2)));
        assertThat(survivor.isAlive()).isTrue();
    }

    /** Two instances, so that whatever they come to share in Redis (fences now, capacity leases later) is lost too. */
    @Test
    void flushingRedisMidBatchLosesNoVerificationAndDialsNoNumberTwice() {
        SchedulerProcess first = startScheduler("flush-a");
        SchedulerProcess second = startScheduler("flush-b");
        awaitOwners(Set.of(first.name(), second.name()));
        SimStats before = sim.stats();

        Batch batch = publishBatch();
        MidBatch atFlush = awaitMidBatch(batch, r -> true, "deleting the namespace's Redis keys");
        long deleted = deleteEveryRedisKeyOfTheNamespace();
        log.info("{} Redis keys deleted", deleted);

        assertThat(atFlush.unfinished()).as("verifications without a result at the flush").isNotEmpty();
        assertThat(deleted).as("Redis keys of the namespace deleted mid-batch").isPositive();
        assertEveryVerificationEndsAsItsFateImplies(batch, before);
        assertThat(first.isAlive() && second.isAlive()).as("both instances still running").isTrue();
    }

    @Test
    void theOnlyInstanceKilledMidBatchAndStartedAgainRebuildsItsStateFromTheDatabase() {
        SchedulerProcess first = startScheduler("restart-first");
        awaitOwners(Set.of(first.name()));
        SimStats before = sim.stats();

        Batch batch = publishBatch();
        MidBatch atKill = awaitMidBatch(batch, r -> true, "killing " + first.name());
        first.kill();
        SchedulerProcess successor = startScheduler("restart-successor");

        assertThat(atKill.unfinished()).as("verifications without a result when the only instance died").isNotEmpty();
        assertEveryVerificationEndsAsItsFateImplies(batch, before);
        assertThat(successor.isAlive()).isTrue();
    }

    // --- the batch ---------------------------------------------------------------------------------------

    /** The requests of one batch and the fate of each number. */
    private record Batch(List<Sent> requests, Map<String, NumberFate> fates) {
    }

    /** What a disruption hits: verifications without a result yet, and numbers in a live call now. */
    private record MidBatch(List<Sent> unfinished, List<Sent> inLiveCalls) {
    }

    /**
     * Waits for the moment to disrupt: some verifications of the batch completed, and some of the numbers
     * {@code among} these in a live call. Returns that moment's state, logged to read beside the children's logs.
     */
    private MidBatch awaitMidBatch(Batch batch, Predicate<Sent> among, String disruption) {
        List<Sent> concerned = batch.requests().stream().filter(among).toList();
        var moment = new AtomicReference<MidBatch>();
        await("verifications of the batch completed, calls live").atMost(BOUND).pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    moment.set(stateOf(concerned));
                    return completed(batch) >= COMPLETED_BEFORE_DISRUPTION && !moment.get().inLiveCalls().isEmpty();
                });
        log.info("{}: {} of {} verifications completed; of the {} concerned, {} without a result, {} in a live call",
                disruption, completed(batch), batch.requests().size(), concerned.size(),
                moment.get().unfinished().size(), moment.get().inLiveCalls().size());
        return moment.get();
    }

    private MidBatch stateOf(List<Sent> concerned) {
        return new MidBatch(
                concerned.stream().filter(r -> !traffic.hasResult(r.verificationId())).toList(),
                concerned.stream().filter(r -> sim.cdr(r.number()).stream().anyMatch(c -> c.endedAt() == null))
                        .toList());
    }

    private long completed(Batch batch) {
        return batch.requests().stream().filter(r -> traffic.hasResult(r.verificationId())).count();
    }

    /**
     * Forty-five requests in a shuffled mix of fates: numbers that ring, answer or are busy (VERIFIED after one call),
     * unallocated ones (INVALID after one call), switched-off ones (UNREACHABLE once the attempt budget is spent) and
     * ones whose first call fails in the network (a route failure, retried at once elsewhere, then VERIFIED).
     */
    private Batch publishBatch() {
        var fates = new LinkedHashMap<String, NumberFate>();
        Map<NumberFate, Integer> mix = Map.of(NumberFate.RINGS_NO_ANSWER, 18, NumberFate.ANSWERS, 5,
                NumberFate.BUSY, 5, NumberFate.UNALLOCATED, 6, NumberFate.SWITCHED_OFF, 5,
                NumberFate.NETWORK_FAILURE_ONCE, 6);
        mix.forEach((fate, count) -> sim.numbersWithFate(fate, count).forEach(n -> fates.put(n, fate)));
        List<String> numbers = new ArrayList<>(fates.keySet());
        Collections.shuffle(numbers, new Random(numbers.getFirst().hashCode()));
        return new Batch(numbers.stream().map(traffic::request).toList(), fates);
    }

    private void assertEveryVerificationEndsAsItsFateImplies(Batch batch, SimStats before) {
        await("a result for every verification of the batch").atMost(BOUND).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(batch.requests().stream()
                        .filter(r -> !traffic.hasResult(r.verificationId()))
                        .map(r -> r.verificationId() + " " + PhoneNumberMask.mask(r.number()) + " "
                                + batch.fates().get(r.number())))
                        .as("verifications without a result").isEmpty());
        // The flash hang-ups of the last calls: their numbers' records are complete once nothing is live.
        await("no live call left").atMost(BOUND).until(() -> sim.stats().liveChannels() == 0);

        SimStats after = sim.stats();
        assertThat(after.concurrentDoubleDials() - before.concurrentDoubleDials())
                .as("originates for a number already in a live call").isZero();
        assertThat(after.redialsAfterAlerting() - before.redialsAfterAlerting())
                .as("originates for a number that had already rung").isZero();
        assertThat(after.overLimitRejections() - before.overLimitRejections())
                .as("calls refused by a carrier for breaking a trunk's limit").isZero();
        var wrong = new ArrayList<String>();
        for (Sent request : batch.requests()) {
            NumberFate fate = batch.fates().get(request.number());
            String what = request.verificationId() + " (" + PhoneNumberMask.mask(request.number()) + ", " + fate + ")";
            List<VerificationStatus> statuses = traffic.resultsOf(request.verificationId()).stream()
                    .map(VerificationCompleted::status).distinct().toList();
            if (!statuses.equals(List.of(expectedStatus(fate)))) {
                wrong.add(what + ": results " + statuses + ", expected " + expectedStatus(fate));
            }
            List<CallRecord> calls = sim.cdr(request.number());
            if (!allowedCalls(fate, calls.size())) {
                wrong.add(what + ": " + calls.size() + " calls " + calls.stream()
                        .map(c -> c.channelId() + "@" + c.trunk() + " cause " + c.cause()).toList());
            }
        }
        assertThat(wrong).as("verifications that ended other than their fate implies (logs: %s)", logs()).isEmpty();
    }

    private static VerificationStatus expectedStatus(NumberFate fate) {
        return switch (fate) {
            case RINGS_NO_ANSWER, ANSWERS, BUSY, NETWORK_FAILURE_ONCE, EARLY_MEDIA_NO_ANSWER ->
                    VerificationStatus.VERIFIED;
            case UNALLOCATED -> VerificationStatus.INVALID;
            case SWITCHED_OFF, ANNOUNCEMENT_SWITCHED_OFF -> VerificationStatus.UNREACHABLE;
        };
    }

    /**
     * A verdict needs one call, and then the number is never dialed again; a first call lost in the network is
     * followed by exactly one more; a switched-off number gets at most the attempt budget.
     */
    private static boolean allowedCalls(NumberFate fate, int calls) {
        return switch (fate) {
            case RINGS_NO_ANSWER, ANSWERS, BUSY, UNALLOCATED, EARLY_MEDIA_NO_ANSWER -> calls == 1;
            case NETWORK_FAILURE_ONCE -> calls == 2;
            case SWITCHED_OFF, ANNOUNCEMENT_SWITCHED_OFF -> calls >= 1 && calls <= MAX_ATTEMPTS;
        };
    }

    // --- the schedulers ----------------------------------------------------------------------------------

    /**
     * A scheduler process on the shared infrastructure and this class's schema. A short session timeout lets the group
     * notice a killed instance within seconds (the embedded broker's minimum is 6 s).
     */
    private SchedulerProcess startScheduler(String name) {
        var properties = new HashMap<>(ServiceProperties.common(infra, namespace, fleetFile));
        properties.putAll(database.springProperties("scheduler"));
        properties.put("spring.kafka.consumer.properties.session.timeout.ms", "6000");
        properties.put("spring.kafka.consumer.properties.heartbeat.interval.ms", "2000");
        properties.put("codac.scheduler.max-attempts", String.valueOf(MAX_ATTEMPTS));
        SchedulerProcess process = SchedulerProcess.start("scheduler-" + name, properties);
        schedulers.add(process);
        return process;
    }

    /** Waits until exactly these instances share the group, each holding some of the requests partitions. */
    private Map<String, Set<Integer>> awaitOwners(Set<String> instances) {
        var owners = new HashMap<String, Set<Integer>>();
        await("schedulers " + instances + " own the partitions").atMost(STARTUP_BOUND)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    schedulers.forEach(s -> assertThat(s.isAlive()).as("%s is running (see %s)", s.name(), s.log())
                            .isTrue());
                    Map<String, Set<Integer>> current = group.requestPartitionsByInstance();
                    owners.clear();
                    owners.putAll(current);
                    return current.keySet().equals(instances) && current.values().stream().noneMatch(Set::isEmpty);
                });
        return owners;
    }

    private List<Path> logs() {
        return schedulers.stream().map(SchedulerProcess::log).toList();
    }

    // --- Redis ---------------------------------------------------------------------------------------------

    /** Our "flush": every key of this test's namespace (the shared Redis serves other tests too). */
    private long deleteEveryRedisKeyOfTheNamespace() {
        long deleted = 0;
        ScanParams params = new ScanParams().match(namespace.redisKeyPrefix() + "*").count(1000);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, params);
            if (!page.getResult().isEmpty()) {
                deleted += redis.del(page.getResult().toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return deleted;
    }
}
