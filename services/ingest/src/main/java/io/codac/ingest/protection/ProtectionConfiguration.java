package io.codac.ingest.protection;

import io.codac.ingest.IngestProperties;
import io.codac.ingest.protection.domain.NumberGuard;
import io.codac.support.RedisKeys;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import redis.clients.jedis.JedisPooled;

import java.time.Clock;

/** Wires the protections on the shared Redis. */
@Configuration(proxyBeanMethods = false)
public class ProtectionConfiguration {

    @Bean
    public Protection protection(JedisPooled redis, RedisKeys keys, IngestProperties properties, Clock clock,
                                 MeterRegistry meters) {
        return new Protection(new RedisLimits(redis, keys), properties.rateLimit(),
                new NumberGuard(properties.numberGuard().perHour()), clock, meters);
    }
}
