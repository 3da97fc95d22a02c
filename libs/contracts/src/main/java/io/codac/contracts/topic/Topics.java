package io.codac.contracts.topic;

import java.util.List;

/**
 * The Kafka topics of BRIEF §3, and reporting's route alerts. A namespace (empty in production) is prepended to every name so that
 * tests sharing one broker never read each other's records.
 */
public record Topics(String namespace) {

    public static final String VERIFICATION_REQUESTED = "codac.verification.requested.v1";
    public static final String DIAL_COMMANDS = "codac.dial.commands.v1";
    public static final String CALL_EVENTS = "codac.call.events.v1";
    public static final String FLEET_TELEMETRY = "codac.fleet.telemetry.v1";
    public static final String VERIFICATION_RESULTS = "codac.verification.results.v1";
    /** The carrier watch's route alerts (degraded / recovered), keyed by route; produced by reporting. */
    public static final String ROUTE_ALERTS = "codac.fleet.route-alerts.v1";
    /** Suffix of every dead-letter topic: a poison record goes to {@code <topic>.dlt}. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    public Topics {
        namespace = namespace == null ? "" : namespace;
        if (!namespace.isEmpty() && !namespace.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("topic namespace '" + namespace + "' may hold only letters, digits, '.', '_' and '-'");
        }
    }

    public static Topics production() {
        return new Topics("");
    }

    public String verificationRequested() {
        return namespace + VERIFICATION_REQUESTED;
    }

    public String dialCommands() {
        return namespace + DIAL_COMMANDS;
    }

    public String callEvents() {
        return namespace + CALL_EVENTS;
    }

    public String fleetTelemetry() {
        return namespace + FLEET_TELEMETRY;
    }

    public String verificationResults() {
        return namespace + VERIFICATION_RESULTS;
    }

    public String routeAlerts() {
        return namespace + ROUTE_ALERTS;
    }

    public String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** Consumer group ids are namespaced like topics, so two test runs never share offsets. */
    public String group(String service) {
        return namespace + "codac." + service;
    }

    public List<String> all() {
        return List.of(verificationRequested(), dialCommands(), callEvents(), fleetTelemetry(), verificationResults(),
                routeAlerts());
    }

    /**
     * Every topic with its partition count, dead-letter topics included (a DLT needs at least its
     * source's partitions). Dial commands get exactly one partition per trunk of the fleet.
     *
     * @param dialCommandPartitions {@code fleet.dialCommandPartitions()}
     * @param keyedPartitions       partitions of the number-, client- and server-keyed topics
     */
    public List<TopicSpec> plan(int dialCommandPartitions, int keyedPartitions) {
        var specs = new java.util.ArrayList<TopicSpec>();
        for (String topic : all()) {
            int partitions = topic.equals(dialCommands()) ? dialCommandPartitions : keyedPartitions;
            specs.add(new TopicSpec(topic, partitions));
            specs.add(new TopicSpec(deadLetter(topic), partitions));
        }
        return List.copyOf(specs);
    }
}
