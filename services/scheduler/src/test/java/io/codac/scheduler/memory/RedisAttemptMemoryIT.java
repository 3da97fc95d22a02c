package io.codac.scheduler.memory;

import io.codac.contracts.domain.OutcomeClass;
import io.codac.support.RedisKeys;
import io.codac.testsupport.Infrastructure;
import io.codac.testsupport.MutableClock;
import io.codac.testsupport.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.JedisPooled;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Attempt memory on a real Redis: shared between instances, expiring, and never holding a number in clear. */
class RedisAttemptMemoryIT {

    private static final String NUMBER = "+447700900123";
    private static final Duration TTL = Duration.ofMinutes(15);

    private final Infrastructure infra = Infrastructure.shared();
    private final TestNamespace namespace = infra.newNamespace();
    private final RedisKeys keys = new RedisKeys(namespace.redisKeyPrefix());
    private final JedisPooled redis = new JedisPooled(URI.create(infra.redisUrl()));
    private final MutableClock clock = MutableClock.atNoon();
    private final RedisAttemptMemory memory = new RedisAttemptMemory(redis, keys, TTL, clock);
    private final RedisAttemptMemory otherInstance = new RedisAttemptMemory(redis, keys, TTL, clock);

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void anotherInstanceAvoidsTheTrunksANumberFailedOn() {
        memory.remember(NUMBER, "trk-1", OutcomeClass.ROUTE_FAILURE);
        memory.remember(NUMBER, "trk-2", OutcomeClass.UNREACHABLE);
        memory.remember("+447700900999", "trk-3", OutcomeClass.ROUTE_FAILURE);

        assertThat(otherInstance.trunksToAvoid(NUMBER)).containsExactlyInAnyOrder("trk-1", "trk-2");
        assertThat(otherInstance.trunksToAvoid("+447700900999")).containsExactly("trk-3");
    }

    @Test
    void aNumberNeverRememberedHasNothingToAvoid() {
        assertThat(memory.trunksToAvoid(NUMBER)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = OutcomeClass.class, names = {"VERIFIED", "INVALID"}, mode = EnumSource.Mode.EXCLUDE)
    void everyOutcomeThatSendsTheNextAttemptElsewhereIsRemembered(OutcomeClass outcome) {
        memory.remember(NUMBER, "trk-1", outcome);

        assertThat(memory.trunksToAvoid(NUMBER)).containsExactly("trk-1");
    }

    @ParameterizedTest
    @EnumSource(value = OutcomeClass.class, names = {"VERIFIED", "INVALID"})
    void aVerdictIsNotRememberedAndWritesNothing(OutcomeClass verdict) {
        memory.remember(NUMBER, "trk-1", verdict);

        assertThat(memory.trunksToAvoid(NUMBER)).isEmpty();
        assertThat(redis.keys(namespace.redisKeyPrefix() + "*")).isEmpty();
    }

    @Test
    void eachTrunkIsAvoidedForTheTimeToLiveAfterItsOwnFailure() {
        memory.remember(NUMBER, "trk-1", OutcomeClass.ROUTE_FAILURE);
        clock.advance(Duration.ofMinutes(10));
        memory.remember(NUMBER, "trk-2", OutcomeClass.ROUTE_FAILURE);

        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(memory.trunksToAvoid(NUMBER)).containsExactlyInAnyOrder("trk-1", "trk-2");
        clock.advanceMillis(1);
        assertThat(memory.trunksToAvoid(NUMBER)).containsExactly("trk-2");

        memory.remember(NUMBER, "trk-1", OutcomeClass.SUSPECT_INVALID);
        clock.advance(Duration.ofMinutes(10));
        assertThat(memory.trunksToAvoid(NUMBER)).containsExactly("trk-1");
    }

    @Test
    void theKeyHoldsADigestOfTheNumberNeverTheNumberAndLivesNoLongerThanTheTimeToLive() {
        memory.remember(NUMBER, "trk-1", OutcomeClass.ROUTE_FAILURE);

        Set<String> written = redis.keys(namespace.redisKeyPrefix() + "*");
        assertThat(written).hasSize(1);
        String key = written.iterator().next();
        assertThat(key).matches(Pattern.quote(namespace.redisKeyPrefix()) + "attempt-memory:[0-9a-f]{64}")
                .doesNotContain(NUMBER).doesNotContain(NUMBER.substring(1)).doesNotContain(NUMBER.substring(4));
        assertThat(redis.hgetAll(key).keySet()).containsExactly("trk-1");
        assertThat(redis.hgetAll(key).values()).noneMatch(value -> value.contains(NUMBER.substring(4)));
        assertThat(redis.pttl(key)).isBetween(1L, TTL.toMillis());
    }

    @Test
    void aNumberNobodyDialsAgainLeavesNothingInRedis() {
        var shortMemory = new RedisAttemptMemory(redis, keys, Duration.ofSeconds(1));
        shortMemory.remember(NUMBER, "trk-1", OutcomeClass.ROUTE_FAILURE);
        assertThat(shortMemory.trunksToAvoid(NUMBER)).containsExactly("trk-1");

        await().atMost(Duration.ofSeconds(5)).until(() -> redis.keys(namespace.redisKeyPrefix() + "*").isEmpty());
        assertThat(shortMemory.trunksToAvoid(NUMBER)).isEmpty();
    }

    @Test
    void theMemoryNeedsAPositiveTimeToLive() {
        assertThatThrownBy(() -> new RedisAttemptMemory(redis, keys, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
