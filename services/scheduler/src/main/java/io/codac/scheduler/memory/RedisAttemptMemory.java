package io.codac.scheduler.memory;

import io.codac.contracts.domain.OutcomeClass;
import io.codac.scheduler.memory.domain.AttemptMemory;
import io.codac.support.RedisKeys;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.JedisPooled;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@link AttemptMemory} in Redis: one hash per number, {@code <prefix>attempt-memory:<sha-256 of the number>},
 * field = trunk id, value = when that trunk stops being avoided (epoch ms). The key lives as long as its newest
 * entry, so a number nobody dials any more leaves nothing behind.
 *
 * <p>The key holds a SHA-256 digest of the number, never the number itself: keys show up in {@code SCAN}, monitoring
 * and slow logs, and a phone number is personal data. (A digest of a number is a pseudonym, not anonymous: the
 * space of numbers is small enough to enumerate; it keeps numbers out of sight, not out of reach.)
 *
 * <p>Expiries are read on this instance's clock: the instances' clocks differ by far less than the memory's time
 * to live (minutes), and an entry read a second early or late costs only the hint.
 */
public final class RedisAttemptMemory implements AttemptMemory {

    /** A retry of the same verification, or a new request for the number minutes later, still sees the failure. */
    public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);

    private static final Set<OutcomeClass> VERDICTS = EnumSet.of(OutcomeClass.VERIFIED, OutcomeClass.INVALID);

    private final JedisPooled redis;
    private final RedisKeys keys;
    private final Duration ttl;
    private final Clock clock;

    public RedisAttemptMemory(JedisPooled redis, RedisKeys keys, Duration ttl) {
        this(redis, keys, ttl, Clock.systemUTC());
    }

    public RedisAttemptMemory(JedisPooled redis, RedisKeys keys, Duration ttl, Clock clock) {
        if (ttl == null || ttl.toMillis() <= 0) {
            throw new IllegalArgumentException("attempt memory needs a positive time to live, was " + ttl);
        }
        this.redis = redis;
        this.keys = keys;
        this.ttl = ttl;
        this.clock = clock;
    }

    @Override
    public void remember(String phoneNumber, String trunkId, OutcomeClass outcome) {
        Objects.requireNonNull(outcome, "outcome");
        if (VERDICTS.contains(outcome)) {
            return;
        }
        String key = keyOf(phoneNumber);
        long expiresAt = clock.millis() + ttl.toMillis();
        // MULTI, not a pipeline: a hash left without its expiry would keep a number's trace forever.
        try (AbstractTransaction transaction = redis.multi()) {
            transaction.hset(key, trunkId, Long.toString(expiresAt));
            transaction.pexpire(key, ttl.toMillis());
            transaction.exec();
        }
    }

    @Override
    public Set<String> trunksToAvoid(String phoneNumber) {
        Map<String, String> entries = redis.hgetAll(keyOf(phoneNumber));
        long now = clock.millis();
        Set<String> avoid = new HashSet<>();
        entries.forEach((trunkId, expiresAt) -> {
            if (Long.parseLong(expiresAt) > now) {
                avoid.add(trunkId);
            }
        });
        return Set.copyOf(avoid);
    }

    String keyOf(String phoneNumber) {
        return keys.key("attempt-memory", sha256Hex(Objects.requireNonNull(phoneNumber, "phoneNumber")));
    }

    private static String sha256Hex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
