package io.codac.scheduler.capacity;

import io.codac.scheduler.capacity.domain.Acquisition;
import io.codac.scheduler.capacity.domain.TrunkContract;
import io.codac.scheduler.capacity.domain.TrunkUse;
import io.codac.support.RedisKeys;
import io.codac.testsupport.Infrastructure;
import io.codac.testsupport.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The capacity scripts on a real Redis, shared by two "instances" (two clients, two ledgers). */
class RedisCapacityLedgerIT {

    private static final int THREADS_PER_INSTANCE = 8;

    private final Infrastructure infra = Infrastructure.shared();
    private final TestNamespace namespace = infra.newNamespace();
    private final RedisKeys keys = new RedisKeys(namespace.redisKeyPrefix());
    private final JedisPooled redis = new JedisPooled(URI.create(infra.redisUrl()));
    private final JedisPooled otherRedis = new JedisPooled(URI.create(infra.redisUrl()));
    private final RedisCapacityLedger ledger = new RedisCapacityLedger(redis, keys);
    private final RedisCapacityLedger otherInstance = new RedisCapacityLedger(otherRedis, keys);

    @AfterEach
    void close() {
        redis.close();
        otherRedis.close();
    }

    @Test
    void grantsChannelsUpToTheContractThenReportsChannelsFull() {
        TrunkContract trunk = new TrunkContract("trk-1", 2, 100);

        assertThat(ledger.tryAcquire(trunk, "a1")).isEqualTo(Acquisition.GRANTED);
        assertThat(otherInstance.tryAcquire(trunk, "a2")).isEqualTo(Acquisition.GRANTED);
        assertThat(ledger.tryAcquire(trunk, "a3")).isEqualTo(Acquisition.CHANNELS_FULL);
        assertThat(otherInstance.tryAcquire(trunk, "a3")).isEqualTo(Acquisition.CHANNELS_FULL);
    }

    @Test
    void aReleasedChannelIsFreeAtOnceWhileItsStartStaysCountedUntilTheWindowPasses() {
        TrunkContract trunk = new TrunkContract("trk-1", 1, 2);
        assertThat(ledger.tryAcquire(trunk, "a1")).isEqualTo(Acquisition.GRANTED);
        assertThat(ledger.tryAcquire(trunk, "a2")).isEqualTo(Acquisition.CHANNELS_FULL);

        otherInstance.release("trk-1", "a1");
        assertThat(ledger.tryAcquire(trunk, "a2")).isEqualTo(Acquisition.GRANTED);
        ledger.release("trk-1", "a2");

        assertThat(ledger.tryAcquire(trunk, "a3")).isEqualTo(Acquisition.CPS_LIMIT);
        assertThat(counts(ledger.use(List.of("trk-1")))).containsEntry("trk-1", new TrunkUse(0, 2));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> ledger.tryAcquire(trunk, "a3") == Acquisition.GRANTED);
    }

    @Test
    void anAttemptAcquiringTwiceHoldsOneChannelAndOneStart() {
        TrunkContract trunk = new TrunkContract("trk-1", 5, 5);

        assertThat(ledger.tryAcquire(trunk, "a1")).isEqualTo(Acquisition.GRANTED);
        assertThat(ledger.tryAcquire(trunk, "a1")).isEqualTo(Acquisition.HELD);
        assertThat(otherInstance.tryAcquire(trunk, "a1")).isEqualTo(Acquisition.HELD);

        assertThat(counts(ledger.use(List.of("trk-1")))).containsEntry("trk-1", new TrunkUse(1, 1));
    }

    @Test
    void aHeldChannelIsReportedEvenWhenTheTrunkIsFull() {
        TrunkContract trunk = new TrunkContract("trk-1", 1, 1);
        ledger.tryAcquire(trunk, "a1");

        assertThat(ledger.tryAcquire(trunk, "a1")).isEqualTo(Acquisition.HELD);
        assertThat(ledger.tryAcquire(trunk, "a2")).isEqualTo(Acquisition.CHANNELS_FULL);
    }

    @Test
    void releaseIsIdempotentAndReleasingAnUnknownAttemptChangesNothing() {
        TrunkContract trunk = new TrunkContract("trk-1", 3, 10);
        ledger.tryAcquire(trunk, "a1");
        ledger.tryAcquire(trunk, "a2");

        ledger.release("trk-1", "a1");
        ledger.release("trk-1", "a1");
        ledger.release("trk-1", "never-acquired");
        ledger.release("trk-never-used", "a2");

        assertThat(counts(ledger.use(List.of("trk-1")))).containsEntry("trk-1", new TrunkUse(1, 2));
    }

    @Test
    void useReportsChannelsAndStartsOfEveryTrunkInOrderAndZeroForTrunksNeverUsed() {
        ledger.tryAcquire(new TrunkContract("trk-1", 5, 5), "a1");
        ledger.tryAcquire(new TrunkContract("trk-1", 5, 5), "a2");
        ledger.tryAcquire(new TrunkContract("trk-2", 5, 5), "a3");
        ledger.release("trk-1", "a2");

        Map<String, TrunkUse> use = counts(otherInstance.use(List.of("trk-2", "trk-1", "trk-unused", "trk-2")));

        assertThat(use).containsExactly(
                Map.entry("trk-2", new TrunkUse(1, 1)),
                Map.entry("trk-1", new TrunkUse(1, 2)),
                Map.entry("trk-unused", TrunkUse.NONE));
        assertThat(ledger.use(List.of())).isEmpty();
    }

    @Test
    void leasesThatAreNotRenewedExpireAndFreeTheirChannels() {
        var shortLeases = new RedisCapacityLedger(redis, keys, Duration.ofSeconds(1), Duration.ZERO);
        TrunkContract trunk = new TrunkContract("trk-1", 1, 100);
        assertThat(shortLeases.tryAcquire(trunk, "a1")).isEqualTo(Acquisition.GRANTED);
        assertThat(shortLeases.tryAcquire(trunk, "a2")).isEqualTo(Acquisition.CHANNELS_FULL);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> shortLeases.use(List.of("trk-1")).get("trk-1").channelsHeld() == 0);
        assertThat(shortLeases.tryAcquire(trunk, "a2")).isEqualTo(Acquisition.GRANTED);
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.keys(namespace.redisKeyPrefix() + "*").isEmpty());
    }

    @Test
    void aRenewedLeaseOutlivesItsFirstExpiryAndNoInstanceShortensItsKey() {
        var shortLeases = new RedisCapacityLedger(redis, keys, Duration.ofMillis(300), Duration.ZERO);
        var longLeases = new RedisCapacityLedger(otherRedis, keys, Duration.ofMinutes(1), Duration.ZERO);
        TrunkContract trunk = new TrunkContract("trk-1", 2, 100);
        shortLeases.tryAcquire(trunk, "a1");
        long firstExpiry = redis.zscore(ledger.leasesKey("trk-1"), "a1").longValue();

        longLeases.renew(Map.of("trk-1", List.of("a1")));
        await().atMost(Duration.ofSeconds(5)).until(() -> redisMillis() > firstExpiry);
        shortLeases.tryAcquire(trunk, "a2");

        assertThat(shortLeases.tryAcquire(trunk, "a1")).isEqualTo(Acquisition.HELD);
        assertThat(redis.pttl(ledger.leasesKey("trk-1"))).isGreaterThan(Duration.ofSeconds(30).toMillis());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> shortLeases.use(List.of("trk-1")).get("trk-1").channelsHeld() == 1);
        assertThat(shortLeases.tryAcquire(trunk, "a1")).isEqualTo(Acquisition.HELD);
    }

    @Test
    void renewalWritesLiveLeasesBackAfterRedisLostThemEvenBeyondTheContract() {
        TrunkContract trunk1 = new TrunkContract("trk-1", 2, 100);
        ledger.tryAcquire(trunk1, "a1");
        ledger.tryAcquire(trunk1, "a2");
        ledger.tryAcquire(new TrunkContract("trk-2", 2, 100), "a3");

        deleteEveryKeyOfTheNamespace();
        assertThat(ledger.use(List.of("trk-1", "trk-2")).values()).containsOnly(TrunkUse.NONE);
        assertThat(ledger.tryAcquire(trunk1, "a4")).isEqualTo(Acquisition.GRANTED);

        otherInstance.renew(Map.of("trk-1", List.of("a1", "a2"), "trk-2", Set.of("a3"), "trk-3", List.of()));

        assertThat(counts(ledger.use(List.of("trk-1", "trk-2", "trk-3")))).containsExactly(
                Map.entry("trk-1", new TrunkUse(3, 1)),
                Map.entry("trk-2", new TrunkUse(1, 0)),
                Map.entry("trk-3", TrunkUse.NONE));
        assertThat(ledger.tryAcquire(trunk1, "a5")).isEqualTo(Acquisition.CHANNELS_FULL);
        assertThat(ledger.tryAcquire(trunk1, "a2")).isEqualTo(Acquisition.HELD);
    }

    @Test
    void renewingNothingTouchesNothing() {
        ledger.renew(Map.of());
        ledger.renew(Map.of("trk-1", List.of()));

        assertThat(redis.keys(namespace.redisKeyPrefix() + "*")).isEmpty();
    }

    @Test
    void everyKeyExpiresByItselfSoAnAbandonedTrunkLeavesNothingBehind() {
        ledger.tryAcquire(new TrunkContract("trk-1", 2, 100), "a1");

        Set<String> written = redis.keys(namespace.redisKeyPrefix() + "*");
        assertThat(written).hasSize(2);
        for (String key : written) {
            // -2: already expired (a slow machine); -1 (no expiry) is what must never happen.
            assertThat(redis.pttl(key)).as(key).isNotEqualTo(-1L)
                    .isLessThanOrEqualTo(RedisCapacityLedger.DEFAULT_LEASE_TTL.toMillis());
        }
    }

    @Test
    void theScriptsRunByDigestAndAreSentAgainWhenRedisForgotThem() {
        TrunkContract trunk = new TrunkContract("trk-1", 5, 100);
        ledger.tryAcquire(trunk, "a1");
        assertThat(redis.scriptExists(List.of(RedisCapacityLedger.TRY_ACQUIRE.sha1()))).containsExactly(true);

        redis.scriptFlush();

        assertThat(ledger.tryAcquire(trunk, "a2")).isEqualTo(Acquisition.GRANTED);
        assertThat(counts(ledger.use(List.of("trk-1")))).containsEntry("trk-1", new TrunkUse(2, 2));
        otherInstance.renew(Map.of("trk-1", List.of("a1")));
    }

    @Test
    void twoInstancesHammeringOneTrunkNeverHoldMoreChannelsThanItsContract() throws Exception {
        TrunkContract trunk = new TrunkContract("trk-1", 3, 100_000);
        AtomicInteger heldNow = new AtomicInteger();
        AtomicInteger mostHeld = new AtomicInteger();
        AtomicInteger mostSeenInRedis = new AtomicInteger();
        AtomicInteger granted = new AtomicInteger();

        runOnBothInstances(instance -> {
            for (int i = 0; i < 40; i++) {
                String attemptId = UUID.randomUUID().toString();
                if (instance.tryAcquire(trunk, attemptId) != Acquisition.GRANTED) {
                    continue;
                }
                granted.incrementAndGet();
                // Counted only between the grant and the release: never more than Redis itself holds.
                mostHeld.accumulateAndGet(heldNow.incrementAndGet(), Math::max);
                for (int call = 0; call < 3; call++) { // the channel stays held while the others keep trying
                    int seen = instance.use(List.of(trunk.trunkId())).get(trunk.trunkId()).channelsHeld();
                    mostSeenInRedis.accumulateAndGet(seen, Math::max);
                }
                heldNow.decrementAndGet();
                instance.release(trunk.trunkId(), attemptId);
            }
        });

        assertThat(mostHeld.get()).isBetween(1, trunk.maxChannels());
        assertThat(mostSeenInRedis.get()).isBetween(1, trunk.maxChannels());
        assertThat(granted.get()).isGreaterThan(trunk.maxChannels());
        assertThat(ledger.use(List.of("trk-1")).get("trk-1").channelsHeld()).isZero();
    }

    @Test
    void twoInstancesHammeringOneTrunkGrantExactlyItsChannelsWhenNobodyReleases() throws Exception {
        TrunkContract trunk = new TrunkContract("trk-1", 4, 100_000);
        AtomicInteger granted = new AtomicInteger();

        runOnBothInstances(instance -> {
            for (int i = 0; i < 30; i++) {
                if (instance.tryAcquire(trunk, UUID.randomUUID().toString()) == Acquisition.GRANTED) {
                    granted.incrementAndGet();
                }
            }
        });

        assertThat(granted.get()).isEqualTo(trunk.maxChannels());
        assertThat(ledger.use(List.of("trk-1")).get("trk-1").channelsHeld()).isEqualTo(trunk.maxChannels());
    }

    @Test
    void twoInstancesHammeringOneTrunkNeverStartMoreThanItsCpsInAnyWindow() throws Exception {
        TrunkContract trunk = new TrunkContract("trk-1", 100_000, 7);
        long windowMillis = 1_000 + RedisCapacityLedger.DEFAULT_CPS_WINDOW_MARGIN.toMillis();
        AtomicInteger granted = new AtomicInteger();

        long startedAt = redisMillis();
        runOnBothInstances(instance -> {
            for (int i = 0; i < 60; i++) {
                if (instance.tryAcquire(trunk, UUID.randomUUID().toString()) == Acquisition.GRANTED) {
                    granted.incrementAndGet();
                }
            }
        });
        long endedAt = redisMillis();

        // Every grant happened on the Redis clock within [startedAt, endedAt]; at most cps of them fit in any one
        // window, so at most cps per window that span covers.
        long windows = Math.ceilDiv(endedAt - startedAt + 1, windowMillis);
        assertThat(granted.get()).isBetween(trunk.cps(), (int) (trunk.cps() * windows));
        assertThat(ledger.use(List.of("trk-1")).get("trk-1").startsLastSecond()).isLessThanOrEqualTo(trunk.cps());
    }

    @Test
    void aLeaseNeedsAPositiveTimeToLiveAndTheMarginCannotBeNegative() {
        assertThatThrownBy(() -> new RedisCapacityLedger(redis, keys, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedisCapacityLedger(redis, keys, Duration.ofSeconds(1), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private interface Hammer {
        void run(RedisCapacityLedger instance);
    }

    private void runOnBothInstances(Hammer hammer) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_INSTANCE);
        try {
            List<Callable<Void>> work = new ArrayList<>();
            for (int i = 0; i < 2 * THREADS_PER_INSTANCE; i++) {
                RedisCapacityLedger instance = i % 2 == 0 ? ledger : otherInstance;
                work.add(() -> {
                    hammer.run(instance);
                    return null;
                });
            }
            for (Future<Void> done : pool.invokeAll(work)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void deleteEveryKeyOfTheNamespace() {
        Set<String> namespaceKeys = redis.keys(namespace.redisKeyPrefix() + "*");
        assertThat(namespaceKeys).isNotEmpty();
        redis.del(namespaceKeys.toArray(String[]::new));
    }

    private long redisMillis() {
        List<?> time = (List<?>) redis.eval("return redis.call('TIME')");
        return Long.parseLong(time.get(0).toString()) * 1000 + Long.parseLong(time.get(1).toString()) / 1000;
    }

    @Test
    void aReadingTellsWhenEachStartLeavesTheCpsWindowSoSlotsFreeBetweenReadings() {
        TrunkContract trunk = new TrunkContract("trk-1", 5, 5);
        ledger.tryAcquire(trunk, "a1");
        ledger.tryAcquire(trunk, "a2");

        TrunkUse reading = ledger.use(List.of("trk-1")).get("trk-1");

        assertThat(reading.startsLastSecond()).isEqualTo(2);
        // the window is 1 s + the 10 ms margin; each start leaves it within that, counted from the reading
        assertThat(reading.startsLeaveWindowIn()).hasSize(2).allSatisfy(leavesIn ->
                assertThat(leavesIn).isPositive().isLessThanOrEqualTo(Duration.ofMillis(1_010)));
        assertThat(reading.startsStillCounted(Duration.ZERO)).isEqualTo(2);
        assertThat(reading.startsStillCounted(Duration.ofMillis(1_010))).isZero();
    }

    /** The readings' counts, without the starts' times (which depend on when the test ran). */
    private static Map<String, TrunkUse> counts(Map<String, TrunkUse> use) {
        var counts = new LinkedHashMap<String, TrunkUse>();
        use.forEach((trunkId, reading) -> counts.put(trunkId, reading.counts()));
        return counts;
    }
}
