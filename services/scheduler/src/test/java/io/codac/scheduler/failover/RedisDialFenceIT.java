package io.codac.scheduler.failover;

import io.codac.scheduler.failover.domain.DialFence.FenceOutcome;
import io.codac.support.RedisKeys;
import io.codac.testsupport.Infrastructure;
import io.codac.testsupport.TestNamespace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;

import java.net.URI;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fence against the dialer adapters' claim contract (their {@code RedisAttemptClaims} lives in another module):
 * the claim of an attempt is {@code <prefix>claim:<attemptId>}, taken with {@code SET NX PX} and the server's id as
 * its value. Whoever sets it first wins.
 */
class RedisDialFenceIT {

    private static final Duration CLAIM_TTL = Duration.ofMinutes(5);

    private final Infrastructure infra = Infrastructure.shared();
    private final TestNamespace namespace = infra.newNamespace();
    private final RedisKeys keys = new RedisKeys(namespace.redisKeyPrefix());
    private final JedisPooled redis = new JedisPooled(URI.create(infra.redisUrl()));
    private final RedisDialFence fence = new RedisDialFence(redis, keys, CLAIM_TTL);

    @AfterEach
    void close() {
        redis.close();
    }

    @Test
    void anUnclaimedAttemptIsFencedUnderTheAdaptersClaimKeyWithTheClaimsTimeToLive() {
        assertThat(fence.fence("att-1")).isEqualTo(FenceOutcome.FENCED);

        String claimKey = namespace.redisKeyPrefix() + "claim:att-1";
        assertThat(redis.get(claimKey)).isEqualTo(RedisDialFence.FENCED_BY);
        assertThat(redis.pttl(claimKey)).isBetween(1L, CLAIM_TTL.toMillis());
    }

    @Test
    void anAdapterClaimingAFencedAttemptFailsSoItNeverDialsIt() {
        fence.fence("att-1");

        assertThat(adapterClaims("srv1", "att-1")).isFalse();
        assertThat(redis.get(namespace.redisKeyPrefix() + "claim:att-1")).isEqualTo(RedisDialFence.FENCED_BY);
    }

    @Test
    void anAttemptAnAdapterClaimedFirstIsNotFencedAndStaysTheAdapters() {
        assertThat(adapterClaims("srv1", "att-1")).isTrue();

        assertThat(fence.fence("att-1")).isEqualTo(FenceOutcome.ALREADY_CLAIMED);
        assertThat(redis.get(namespace.redisKeyPrefix() + "claim:att-1")).isEqualTo("srv1");
    }

    @Test
    void fencingTwiceIsAlreadyClaimedTheSecondTime() {
        assertThat(fence.fence("att-1")).isEqualTo(FenceOutcome.FENCED);
        assertThat(fence.fence("att-1")).isEqualTo(FenceOutcome.ALREADY_CLAIMED);
        assertThat(fence.fence("att-2")).isEqualTo(FenceOutcome.FENCED);
    }

    @Test
    void theFenceCanNameTheSchedulerInstanceThatTookIt() {
        new RedisDialFence(redis, keys, CLAIM_TTL, "instance-7").fence("att-1");

        assertThat(redis.get(namespace.redisKeyPrefix() + "claim:att-1"))
                .isEqualTo(RedisDialFence.FENCED_BY + ":instance-7");
    }

    @Test
    void aFenceNeedsAPositiveTimeToLive() {
        assertThatThrownBy(() -> new RedisDialFence(redis, keys, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** What {@code RedisAttemptClaims.claim} does with the claim key (its hand-back check aside). */
    private boolean adapterClaims(String serverId, String attemptId) {
        return "OK".equals(redis.set(keys.key("claim", attemptId), serverId,
                SetParams.setParams().nx().px(CLAIM_TTL.toMillis())));
    }
}
