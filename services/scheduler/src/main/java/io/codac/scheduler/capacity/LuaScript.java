package io.codac.scheduler.capacity;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}), so that each call sends only the digest and its arguments.
 * The digest is computed here rather than with {@code SCRIPT LOAD}, so that building the adapter needs no Redis;
 * when Redis does not know the script (first use, a restart, {@code SCRIPT FLUSH}), it is sent once with
 * {@code EVAL}, which also caches it for the next call. Either way one call is one round trip.
 */
final class LuaScript {

    private final String source;
    private final String sha1;

    LuaScript(String source) {
        this.source = source;
        this.sha1 = sha1(source);
    }

    Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha1, keys, args);
        } catch (JedisNoScriptException unknownScript) {
            return redis.eval(source, keys, args);
        }
    }

    String sha1() {
        return sha1;
    }

    private static String sha1(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-1", e);
        }
    }
}
