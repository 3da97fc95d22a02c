package io.codac.scheduler.capacity;

import io.codac.scheduler.capacity.domain.Acquisition;
import io.codac.scheduler.capacity.domain.CapacityLedger;
import io.codac.scheduler.capacity.domain.TrunkContract;
import io.codac.scheduler.capacity.domain.TrunkUse;
import io.codac.support.RedisKeys;
import redis.clients.jedis.JedisPooled;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The {@link CapacityLedger} in Redis, shared by every scheduler instance.
 *
 * <p>Each trunk has two sorted sets: {@code <prefix>capacity:<trunk>:leases} (member: attempt id, score: the lease's
 * expiry in ms) and {@code <prefix>capacity:<trunk>:starts} (member: attempt id and the start's time, score: the
 * start in ms). A lease is live while its expiry is after now; a start counts while it is less than the CPS window
 * (one second plus a margin) old. Every operation that reads and writes is one Lua script, so the check and the
 * record are atomic across instances, and each script reads "now" from the Redis server's {@code TIME}: the
 * instances' clocks differ by more than a CPS window's tolerance, the server's clock is the only one they share.
 *
 * <p>A start's member carries its time as well as the attempt id so that an attempt released and acquired again
 * within the window counts twice, as it would at the carrier. Both keys also get a key-level expiry no earlier
 * than their newest entry's, so the sets of a trunk nobody uses any more disappear by themselves.
 *
 * <p>Leases expire unless renewed: the caller keeps its own set of live attempts and passes it to {@link #renew}
 * well within the lease time to live (e.g. every 5 s for the default 15 s). It should drop an attempt from that set
 * before it {@link #release releases} it, or a renewal running at the same moment writes the lease back until it
 * expires. After a loss of Redis's data a renewal writes the live leases back, but the starts of the last second
 * are gone: for that second only the adapters' own CPS limits hold the trunks to their contracts.
 */
public final class RedisCapacityLedger implements CapacityLedger {

    /** Long enough to survive a few missed renewals and a GC pause; short enough that a dead instance's channels
     * return within seconds. */
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(15);

    /** The dialer adapters count their CPS window as 1 s + 10 ms ({@code codac.adapter.cps-window-margin}); the
     * scheduler counts the same window, so it grants no more than the adapters then admit. */
    public static final Duration DEFAULT_CPS_WINDOW_MARGIN = Duration.ofMillis(10);

    private static final Duration CPS_WINDOW = Duration.ofSeconds(1);

    /** Redis {@code TIME} in ms; shared by every script below. */
    private static final String NOW = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            """;

    /** Never shortens a key's life: another instance may run with a longer lease time to live. */
    private static final String EXTEND_KEY = """
            local function extend(key, ttl)
              if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, ttl) end
            end
            """;

    /** KEYS: leases, starts. ARGV: attempt id, channels, cps, lease ttl ms, window ms. */
    static final LuaScript TRY_ACQUIRE = new LuaScript(NOW + EXTEND_KEY + """
            local ttl = tonumber(ARGV[4])
            local window = tonumber(ARGV[5])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - window)
            if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 'HELD' end
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 'CHANNELS_FULL' end
            if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then return 'CPS_LIMIT' end
            redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
            redis.call('ZADD', KEYS[2], now, ARGV[1] .. '@' .. t[1] .. '.' .. t[2])
            extend(KEYS[1], ttl)
            extend(KEYS[2], window)
            return 'GRANTED'
            """);

    /** KEYS: the leases of each trunk. ARGV: lease ttl ms, then per key the number of its attempts and their ids. */
    private static final LuaScript RENEW = new LuaScript(NOW + EXTEND_KEY + """
            local ttl = tonumber(ARGV[1])
            local arg = 2
            for i = 1, #KEYS do
              local count = tonumber(ARGV[arg])
              arg = arg + 1
              for j = 1, count do
                redis.call('ZADD', KEYS[i], now + ttl, ARGV[arg])
                arg = arg + 1
              end
              extend(KEYS[i], ttl)
            end
            return arg - 2 - #KEYS
            """);

    /**
     * KEYS: leases and starts of each trunk, in pairs. ARGV: window ms. Returns per trunk the channels held and, for
     * each start in the window, the ms until it leaves the window (how the view frees CPS slots between readings).
     */
    private static final LuaScript USE = new LuaScript(NOW + """
            local window = tonumber(ARGV[1])
            local out = {}
            for i = 1, #KEYS, 2 do
              out[#out + 1] = redis.call('ZCOUNT', KEYS[i], '(' .. now, '+inf')
              local starts = redis.call('ZRANGEBYSCORE', KEYS[i + 1], '(' .. (now - window), '+inf', 'WITHSCORES')
              local leave = {}
              for j = 2, #starts, 2 do
                leave[#leave + 1] = tonumber(starts[j]) + window - now
              end
              out[#out + 1] = leave
            end
            return out
            """);

    private final JedisPooled redis;
    private final RedisKeys keys;
    private final String leaseTtlMillis;
    private final String windowMillis;

    public RedisCapacityLedger(JedisPooled redis, RedisKeys keys) {
        this(redis, keys, DEFAULT_LEASE_TTL, DEFAULT_CPS_WINDOW_MARGIN);
    }

    /**
     * @param leaseTtl        how long a channel stays held without a renewal
     * @param cpsWindowMargin added to the one-second CPS window, for the jitter between this count and the adapters'
     */
    public RedisCapacityLedger(JedisPooled redis, RedisKeys keys, Duration leaseTtl, Duration cpsWindowMargin) {
        if (leaseTtl == null || leaseTtl.toMillis() <= 0) {
            throw new IllegalArgumentException("a channel lease needs a positive time to live, was " + leaseTtl);
        }
        if (cpsWindowMargin == null || cpsWindowMargin.isNegative()) {
            throw new IllegalArgumentException("the CPS window margin cannot be negative, was " + cpsWindowMargin);
        }
        this.redis = redis;
        this.keys = keys;
        this.leaseTtlMillis = Long.toString(leaseTtl.toMillis());
        this.windowMillis = Long.toString(CPS_WINDOW.plus(cpsWindowMargin).toMillis());
    }

    @Override
    public Acquisition tryAcquire(TrunkContract trunk, String attemptId) {
        Object answer = TRY_ACQUIRE.run(redis,
                List.of(leasesKey(trunk.trunkId()), startsKey(trunk.trunkId())),
                List.of(attemptId, Integer.toString(trunk.maxChannels()), Integer.toString(trunk.cps()),
                        leaseTtlMillis, windowMillis));
        return Acquisition.valueOf(String.valueOf(answer));
    }

    @Override
    public void release(String trunkId, String attemptId) {
        // One command is atomic by itself; no script needed.
        redis.zrem(leasesKey(trunkId), attemptId);
    }

    @Override
    public void renew(Map<String, ? extends Collection<String>> liveAttemptsByTrunk) {
        List<String> leaseKeys = new ArrayList<>();
        List<String> args = new ArrayList<>();
        args.add(leaseTtlMillis);
        liveAttemptsByTrunk.forEach((trunkId, attemptIds) -> {
            if (attemptIds.isEmpty()) {
                return;
            }
            leaseKeys.add(leasesKey(trunkId));
            args.add(Integer.toString(attemptIds.size()));
            args.addAll(attemptIds);
        });
        if (!leaseKeys.isEmpty()) {
            RENEW.run(redis, leaseKeys, args);
        }
    }

    @Override
    public Map<String, TrunkUse> use(Collection<String> trunkIds) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(trunkIds));
        Map<String, TrunkUse> use = new LinkedHashMap<>();
        if (distinct.isEmpty()) {
            return use;
        }
        List<String> pairs = new ArrayList<>(distinct.size() * 2);
        for (String trunkId : distinct) {
            pairs.add(leasesKey(trunkId));
            pairs.add(startsKey(trunkId));
        }
        List<?> reading = (List<?>) USE.run(redis, pairs, List.of(windowMillis));
        for (int i = 0; i < distinct.size(); i++) {
            int channels = ((Number) reading.get(2 * i)).intValue();
            List<Duration> startsLeaveIn = ((List<?>) reading.get(2 * i + 1)).stream()
                    .map(ms -> Duration.ofMillis(((Number) ms).longValue())).toList();
            use.put(distinct.get(i), TrunkUse.withStartsLeavingIn(channels, startsLeaveIn));
        }
        return use;
    }

    String leasesKey(String trunkId) {
        return keys.key("capacity", trunkId, "leases");
    }

    String startsKey(String trunkId) {
        return keys.key("capacity", trunkId, "starts");
    }
}
