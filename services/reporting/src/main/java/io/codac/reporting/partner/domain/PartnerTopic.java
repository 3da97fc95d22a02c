package io.codac.reporting.partner.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Each client's results also go to its own topic, {@code codac.results.<clientId>.v1}, prefixed by the
 * deployment's topic namespace like every other topic, so a Kafka ACL can grant a partner its topic and
 * nothing else. A client id that cannot be part of a topic name (Kafka allows letters, digits, '.', '_'
 * and '-', 249 characters in all) gets no partner topic rather than a mangled one that could collide
 * with another client's.
 */
public final class PartnerTopic {

    private static final Pattern LEGAL = Pattern.compile("[A-Za-z0-9._-]+");
    private static final int KAFKA_MAX_NAME = 249;

    private PartnerTopic() {
    }

    public static Optional<String> of(String namespace, String clientId) {
        if (clientId == null || !LEGAL.matcher(clientId).matches()) {
            return Optional.empty();
        }
        String name = (namespace == null ? "" : namespace) + "codac.results." + clientId + ".v1";
        return name.length() <= KAFKA_MAX_NAME ? Optional.of(name) : Optional.empty();
    }
}
