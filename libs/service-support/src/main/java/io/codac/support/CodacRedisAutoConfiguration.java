package io.codac.support;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.JedisPooled;

import java.net.URI;

/** One pooled Jedis client per service, and the key prefix that keeps tests (and tenants of one Redis) apart. */
@AutoConfiguration(after = CodacCoreAutoConfiguration.class)
@ConditionalOnClass(JedisPooled.class)
public class CodacRedisAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public JedisPooled codacJedis(CodacProperties properties) {
        var pool = new ConnectionPoolConfig();
        pool.setMaxTotal(properties.redis().maxConnections());
        pool.setMaxIdle(properties.redis().maxConnections());
        return new JedisPooled(pool, URI.create(properties.redis().url()));
    }

    @Bean
    @ConditionalOnMissingBean
    public RedisKeys codacRedisKeys(CodacProperties properties) {
        return new RedisKeys(properties.redis().keyPrefix());
    }
}
