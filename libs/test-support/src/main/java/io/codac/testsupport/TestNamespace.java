package io.codac.testsupport;

import io.codac.contracts.topic.Topics;

/** What isolates one test's Kafka topics, consumer groups and Redis keys from every other test's. */
public record TestNamespace(String id) {

    public String topicNamespace() {
        return id + ".";
    }

    public String redisKeyPrefix() {
        return id + ":";
    }

    public Topics topics() {
        return new Topics(topicNamespace());
    }
}
