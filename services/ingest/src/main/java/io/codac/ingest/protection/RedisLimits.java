package io.codac.ingest.protection;

import io.codac.ingest.protection.domain.TokenBucket;
import io.codac.support.RedisKeys;
import org.springframework.core.io.ClassPathResource;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.exceptions.JedisNoScriptException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The shared counters in Redis. Blocking (Jedis): callers run it off the event loop. The bucket is one
 * Lua script (read, refill, take, write in one atomic step); the number guard is one {@code INCR} per
 * request on the number's counter for the hour.
 */
class RedisLimits {

    private final JedisPooled redis;
    private final RedisKeys keys;
    private final String script;
    private volatile String sha;

    RedisLimits(JedisPooled redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
        try {
            this.script = new ClassPathResource("redis/token-bucket.lua").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the token bucket script is missing from the jar", e);
        }
    }

    /** {@link Duration#ZERO} when allowed, else how long until the bucket holds a token again. */
    Duration take(String clientId, TokenBucket bucket, int cost) {
        List<String> key = List.of(keys.key("ingest", "rate", clientId));
        List<String> args = List.of(Double.toString(bucket.perSecond()), Double.toString(bucket.burst()),
                Integer.toString(cost));
        Object result;
        try {
            result = redis.evalsha(sha(), key, args);
        } catch (JedisNoScriptException flushed) { // Redis restarted or its scripts were flushed
            sha = null;
            result = redis.evalsha(sha(), key, args);
        }
        List<?> answer = (List<?>) result;
        if (((Long) answer.get(0)) == 1L) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((Long) answer.get(1) * 1_000);
    }

    /** This request's place among the number's requests in the hour. */
    long countNumber(String e164, long hour, Duration keepFor) {
        String key = keys.key("ingest", "number", e164, Long.toString(hour));
        long count = redis.incr(key);
        if (count == 1) {
            redis.expire(key, keepFor.toSeconds());
        }
        return count;
    }

    private String sha() {
        String loaded = sha;
        if (loaded == null) {
            loaded = redis.scriptLoad(script);
            sha = loaded;
        }
        return loaded;
    }
}
