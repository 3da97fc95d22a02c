package io.codac.testsupport;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Spring properties that point a CODAC service at the shared infrastructure, inside one test's namespace. */
public final class ServiceProperties {

    private ServiceProperties() {
    }

    public static Map<String, Object> common(Infrastructure infra, TestNamespace namespace, Path fleetFile) {
        var properties = new HashMap<String, Object>();
        properties.put("spring.kafka.bootstrap-servers", infra.kafkaBootstrapServers());
        properties.put("codac.topics.namespace", namespace.topicNamespace());
        properties.put("codac.topics.partitions", "3");
        properties.put("codac.redis.url", infra.redisUrl());
        properties.put("codac.redis.key-prefix", namespace.redisKeyPrefix());
        properties.put("codac.fleet-file", fleetFile.toAbsolutePath().toString());
        properties.put("server.port", "0");
        properties.put("management.server.port", "");
        properties.put("spring.main.banner-mode", "off");
        return properties;
    }

    /**
     * The properties as command-line arguments. Pass these to {@code SpringApplicationBuilder.run(args)}:
     * {@code builder.properties(map)} only sets <em>default</em> properties, which a service's own
     * {@code application.yml} overrides.
     */
    public static String[] asArgs(Map<String, Object> properties) {
        return properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }
}
