package io.codac.ingest.protection;

import io.codac.ingest.IngestProperties;
import io.codac.ingest.client.AuthenticatedClient;
import io.codac.ingest.protection.domain.NumberGuard;
import io.codac.support.RedisKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When Redis does not answer, requests are let through and each check that could not run is counted in
 * {@code codac.ingest.protection.unavailable} — also when the bucket and the number guard share one round trip.
 */
class ProtectionWithoutRedisTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final JedisPooled nowhere = new JedisPooled(new HostAndPort("127.0.0.1", freePort()),
            DefaultJedisClientConfig.builder().connectionTimeoutMillis(200).socketTimeoutMillis(200).build());
    private final Protection protection = new Protection(new RedisLimits(nowhere, new RedisKeys("test")),
            new IngestProperties.RateLimit(50, 100), new NumberGuard(5), Clock.systemUTC(), meters);

    @AfterEach
    void close() {
        nowhere.close();
    }

    @Test
    void theCombinedCheckLetsTheRequestThroughAndCountsBothChecksAsNotMade() {
        protection.admit(new AuthenticatedClient("cli_a", null, null), "+919876543210").block(Duration.ofSeconds(10));

        assertThat(unavailable("rate_limit")).isEqualTo(1);
        assertThat(unavailable("number_guard")).isEqualTo(1);
    }

    @Test
    void theSeparateChecksLetTheRequestThroughAndCountEachAsNotMade() {
        protection.admitClient(new AuthenticatedClient("cli_a", null, null), 1).block(Duration.ofSeconds(10));
        protection.admitNumber("+919876543210").block(Duration.ofSeconds(10));

        assertThat(unavailable("rate_limit")).isEqualTo(1);
        assertThat(unavailable("number_guard")).isEqualTo(1);
    }

    private double unavailable(String check) {
        return meters.counter(Protection.UNAVAILABLE_METRIC, "check", check).count();
    }

    /** A port nothing listens on (it was free a moment ago). */
    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
