package io.codac.scheduler.verification.domain;

import java.util.Set;
import java.util.TreeSet;

/**
 * The verifications one scheduler instance looks after: those whose number hashes to a partition of the requests
 * and call-events topics assigned to it (both topics are keyed by number and have the same partitions, and one
 * consumer takes the same partitions of both). Rows recorded without a partition (before partitions were recorded)
 * are in every scope: the ledger's optimistic writes keep two instances from acting on one twice.
 *
 * @param partitions the assigned partitions; ignored when {@code all}
 * @param all        every partition (a single instance, the tests)
 */
public record PartitionScope(Set<Integer> partitions, boolean all) {

    public static final PartitionScope ALL = new PartitionScope(Set.of(), true);

    public PartitionScope {
        partitions = Set.copyOf(new TreeSet<>(partitions));
    }

    public static PartitionScope of(Set<Integer> partitions) {
        return new PartitionScope(partitions, false);
    }

    public boolean includes(Integer partition) {
        return all || partition == null || partitions.contains(partition);
    }

    /** Nothing assigned: the instance must not act on any verification with a partition. */
    public boolean isEmpty() {
        return !all && partitions.isEmpty();
    }
}
