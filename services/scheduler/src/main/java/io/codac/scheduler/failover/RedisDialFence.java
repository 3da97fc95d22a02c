package io.codac.scheduler.failover;

import io.codac.scheduler.failover.domain.DialFence;
import io.codac.support.RedisKeys;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.params.SetParams;

import java.time.Duration;

/**
 * The {@link DialFence} in Redis: takes the dialer adapters' own claim key, {@code <prefix>claim:<attemptId>}, with
 * the same {@code SET NX PX} they take before they originate. Exactly one of the two wins: if the fence does, the
 * adapter's claim fails and it skips the command as a duplicate (without reporting anything); if the adapter did,
 * the call may be ringing. The value names the fencer ({@value #FENCED_BY}, optionally with this instance's id) so
 * that an operator reading the key sees who took it; the adapters never read it.
 *
 * <p>This works only while the scheduler and the adapters build keys under the same prefix
 * ({@code codac.redis.key-prefix}, {@code codac:} for every service unless set) on the same Redis.
 */
public final class RedisDialFence implements DialFence {

    /** The adapters' claim time to live ({@code codac.adapter.claim-ttl}): a fence must last as long as a claim. */
    public static final Duration DEFAULT_CLAIM_TTL = Duration.ofHours(1);

    public static final String FENCED_BY = "fenced-by-scheduler";

    private final JedisPooled redis;
    private final RedisKeys keys;
    private final SetParams onlyIfUnclaimed;
    private final String fencedBy;

    public RedisDialFence(JedisPooled redis, RedisKeys keys, Duration claimTtl) {
        this(redis, keys, claimTtl, null);
    }

    /** @param schedulerInstanceId added to the fence's value for operators; null for none */
    public RedisDialFence(JedisPooled redis, RedisKeys keys, Duration claimTtl, String schedulerInstanceId) {
        if (claimTtl == null || claimTtl.toMillis() <= 0) {
            throw new IllegalArgumentException("a fence needs a positive time to live, was " + claimTtl);
        }
        this.redis = redis;
        this.keys = keys;
        this.onlyIfUnclaimed = SetParams.setParams().nx().px(claimTtl.toMillis());
        this.fencedBy = schedulerInstanceId == null || schedulerInstanceId.isBlank()
                ? FENCED_BY
                : FENCED_BY + ":" + schedulerInstanceId;
    }

    @Override
    public FenceOutcome fence(String attemptId) {
        String reply = redis.set(claimKey(attemptId), fencedBy, onlyIfUnclaimed);
        return "OK".equals(reply) ? FenceOutcome.FENCED : FenceOutcome.ALREADY_CLAIMED;
    }

    String claimKey(String attemptId) {
        return keys.key("claim", attemptId);
    }
}
