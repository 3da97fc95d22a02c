package io.codac.adapter.redis;

import io.codac.adapter.dialing.AttemptClaims;
import io.codac.adapter.reconcile.domain.OpenAttempt;
import io.codac.support.RedisKeys;
import redis.clients.jedis.JedisPooled;

import java.time.Duration;
import java.util.List;

/**
 * Claims in Redis: {@code <prefix>claim:<attemptId>} holds the server that dialed the attempt
 * ({@code SET NX PX}); {@code <prefix>handed-back:<serverId>:<attemptId>} remembers that this server
 * handed the attempt back undialed. A claim also writes the attempt into the server's open attempts
 * ({@link RedisOpenAttempts}) in the same script. Each decision is one Lua script, so "claim unless handed back" and
 * "hand back unless claimed" are atomic against each other. The hand-back marker is per server: the
 * scheduler may re-place the same attempt on another server, which must still be able to claim it.
 */
public final class RedisAttemptClaims implements AttemptClaims {

    private static final String CLAIM = """
            if redis.call('EXISTS', KEYS[2]) == 1 then return 'HANDED_BACK_EARLIER' end
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              redis.call('HSET', KEYS[3], ARGV[3], ARGV[4])
              return 'CLAIMED'
            end
            return 'ALREADY_CLAIMED'
            """;

    private static final String HAND_BACK = """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 'ALREADY_CLAIMED' end
            redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
            return 'MARKED'
            """;

    private final JedisPooled redis;
    private final RedisKeys keys;
    private final String serverId;
    private final String ttlMillis;
    private final String openAttemptsKey;

    public RedisAttemptClaims(JedisPooled redis, RedisKeys keys, String serverId, Duration ttl) {
        if (ttl == null || ttl.toMillis() <= 0) {
            throw new IllegalArgumentException("a claim needs a positive time to live, was " + ttl);
        }
        this.redis = redis;
        this.keys = keys;
        this.serverId = serverId;
        this.ttlMillis = Long.toString(ttl.toMillis());
        this.openAttemptsKey = RedisOpenAttempts.keyOf(keys, serverId);
    }

    @Override
    public ClaimOutcome claim(OpenAttempt attempt) {
        String attemptId = attempt.attemptId();
        Object answer = redis.eval(CLAIM, List.of(claimKey(attemptId), handedBackKey(attemptId), openAttemptsKey),
                List.of(serverId, ttlMillis, attemptId, RedisOpenAttempts.encode(attempt)));
        return ClaimOutcome.valueOf(String.valueOf(answer));
    }

    @Override
    public HandBackOutcome markHandedBack(String attemptId) {
        Object answer = redis.eval(HAND_BACK, List.of(claimKey(attemptId), handedBackKey(attemptId)),
                List.of(serverId, ttlMillis));
        return HandBackOutcome.valueOf(String.valueOf(answer));
    }

    String claimKey(String attemptId) {
        return keys.key("claim", attemptId);
    }

    String handedBackKey(String attemptId) {
        return keys.key("handed-back", serverId, attemptId);
    }
}
