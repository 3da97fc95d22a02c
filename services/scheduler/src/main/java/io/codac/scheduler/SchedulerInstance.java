package io.codac.scheduler;

import io.codac.contracts.topic.Topics;

import java.util.UUID;

/** This process among the scheduler instances: a random id, fresh at every start. */
public record SchedulerInstance(String id, Topics topics) {

    public static SchedulerInstance random(Topics topics) {
        return new SchedulerInstance(UUID.randomUUID().toString(), topics);
    }

    /** Telemetry is read by every instance, so each has a consumer group of its own. */
    public String telemetryGroup() {
        return topics.group("scheduler") + ".telemetry." + id;
    }
}
