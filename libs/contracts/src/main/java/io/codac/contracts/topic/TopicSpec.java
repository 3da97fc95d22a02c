package io.codac.contracts.topic;

/** A topic and the partitions it needs; services and the local stack create topics from these. */
public record TopicSpec(String name, int partitions) {

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a topic needs a name");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + " needs at least one partition, was " + partitions);
        }
    }
}
