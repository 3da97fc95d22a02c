package io.codac.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code codac.*} settings every service shares.
 *
 * @param fleetFile the fleet description read by the simulator, the adapters, the scheduler and ingest
 */
@ConfigurationProperties("codac")
public record CodacProperties(
        @DefaultValue("deploy/local/fleet.yml") String fleetFile,
        @DefaultValue Topics topics,
        @DefaultValue Redis redis) {

    /**
     * @param namespace  prefix of every topic and consumer group; empty in production, unique per test
     * @param partitions partitions of the number-, client- and server-keyed topics
     * @param create     create missing topics (and their dead-letter topics) at start
     */
    public record Topics(
            @DefaultValue("") String namespace,
            @DefaultValue("12") int partitions,
            @DefaultValue("true") boolean create) {
    }

    /**
     * @param url            {@code redis://host:port}
     * @param keyPrefix      prefix of every key this process writes; unique per test
     * @param maxConnections connections in the pool; Jedis's default of 8 runs dry at a gateway's
     *                       thousand requests per second
     */
    public record Redis(
            @DefaultValue("redis://127.0.0.1:6379") String url,
            @DefaultValue("codac:") String keyPrefix,
            @DefaultValue("32") int maxConnections) {
    }
}
