package io.codac.adapter.redis;

import io.codac.adapter.dialing.OpenAttempts;
import io.codac.adapter.reconcile.domain.OpenAttempt;
import io.codac.contracts.event.CallLeg;
import io.codac.support.RedisKeys;
import redis.clients.jedis.JedisPooled;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One Redis hash per server, {@code <prefix>open-attempts:<serverId>}: attempt id → verification, number,
 * trunk, ring timeout and originate time (tab-separated). Per server, because each adapter reconciles only
 * with its own server. The hash has no expiry (an entry lives until its {@code ENDED} is acknowledged); a
 * malformed entry is dropped when read. Entries are written only with their claim ({@link RedisAttemptClaims}).
 */
public final class RedisOpenAttempts implements OpenAttempts {

    private final JedisPooled redis;
    private final String key;
    private final String serverId;

    public RedisOpenAttempts(JedisPooled redis, RedisKeys keys, String serverId) {
        this.redis = redis;
        this.key = keyOf(keys, serverId);
        this.serverId = serverId;
    }

    /** The hash of a server's open attempts; {@link RedisAttemptClaims} writes an entry with the claim. */
    static String keyOf(RedisKeys keys, String serverId) {
        return keys.key("open-attempts", serverId);
    }

    /** An entry's value, as {@link #all()} reads it back. */
    static String encode(OpenAttempt attempt) {
        CallLeg leg = attempt.identity();
        return String.join("\t", nullToEmpty(leg.verificationId()), leg.phoneNumber(), leg.trunkId(),
                Integer.toString(attempt.ringTimeoutSeconds()), Long.toString(attempt.placedAt().toEpochMilli()));
    }

    @Override
    public void forget(String attemptId) {
        redis.hdel(key, attemptId);
    }

    @Override
    public Collection<OpenAttempt> all() {
        List<OpenAttempt> attempts = new ArrayList<>();
        for (Map.Entry<String, String> entry : redis.hgetAll(key).entrySet()) {
            String[] fields = entry.getValue().split("\t", -1);
            if (fields.length != 5) {
                redis.hdel(key, entry.getKey());
                continue;
            }
            try {
                CallLeg leg = new CallLeg(entry.getKey(), fields[0].isEmpty() ? null : fields[0], fields[1], fields[2],
                        serverId);
                attempts.add(new OpenAttempt(leg, Integer.parseInt(fields[3]),
                        Instant.ofEpochMilli(Long.parseLong(fields[4]))));
            } catch (NumberFormatException e) {
                redis.hdel(key, entry.getKey());
            }
        }
        return attempts;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
