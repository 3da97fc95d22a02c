package io.codac.scheduler.verification;

import io.codac.scheduler.verification.domain.PartitionScope;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The partitions of the requests and call-events topics this instance holds now, as the consumer's rebalances
 * report them. Thread-safe: the consumer thread writes, the sweep reads.
 */
public final class OwnedPartitions {

    private final Set<Integer> partitions = new TreeSet<>();

    public synchronized void add(Collection<Integer> assigned) {
        partitions.addAll(assigned);
    }

    public synchronized void remove(Collection<Integer> revoked) {
        partitions.removeAll(revoked);
    }

    public synchronized PartitionScope scope() {
        return PartitionScope.of(partitions);
    }
}
