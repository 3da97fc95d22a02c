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
 * request on the number's counter for the hour — in the same script as the bucket when both are checked at
 * once ({@link #takeAndCount}), so that such a request costs one round trip. (The script touches two keys: on a
 * Redis Cluster they would need one hash slot.)
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
        return run(List.of(bucketKey(clientId)), List.of(Double.toString(bucket.perSecond()),
                Double.toString(bucket.burst()), Integer.toString(cost))).refillIn();
    }

    /**
     * What the bucket and the number guard say of one request, in one round trip: {@code refillIn} is zero when the
     * bucket allowed it, else how long until it holds a token again; {@code numberCount} is the
     * request's place among the number's requests in the hour, or 0 when the bucket refused it (and it was not
     * counted).
     */
    record Admission(Duration refillIn, long numberCount) {
    }

    /** {@link #take} of one token and, if it was allowed, {@link #countNumber}, atomically. */
    Admission takeAndCount(String clientId, TokenBucket bucket, String e164, long hour, Duration keepFor) {
        return run(List.of(bucketKey(clientId), numberKey(e164, hour)), List.of(Double.toString(bucket.perSecond()),
                Double.toString(bucket.burst()), "1", Long.toString(keepFor.toSeconds())));
    }

    private Admission run(List<String> scriptKeys, List<String> args) {
        Object result;
        try {
            result = redis.evalsha(sha(), scriptKeys, args);
        } catch (JedisNoScriptException flushed) { // Redis restarted or its scripts were flushed
            sha = null;
            result = redis.evalsha(sha(), scriptKeys, args);
        }
        List<?> answer = (List<?>) result;
        Duration wait = ((Long) answer.get(0)) == 1L ? Duration.ZERO : Duration.ofNanos((Long) answer.get(1) * 1_000);
        return new Admission(wait, (Long) answer.get(2));
    }

    private String bucketKey(String clientId) {
        return keys.key("ingest", "rate", clientId);
    }

    private String numberKey(String e164, long hour) {
        return keys.key("ingest", "number", e164, Long.toString(hour));
    }

    /** This request's place among the number's requests in the hour. */
    long countNumber(String e164, long hour, Duration keepFor) {
        String key = numberKey(e164, hour);
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
