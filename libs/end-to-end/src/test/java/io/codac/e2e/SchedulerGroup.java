package io.codac.e2e;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The scheduler instances' shared consumer group as the broker sees it: which instance (by its consumer client id,
 * see {@link SchedulerProcess}) holds which partitions of the requests topic, i.e. decides for which numbers.
 */
final class SchedulerGroup implements AutoCloseable {

    private final Admin admin;
    private final String groupId;
    private final String requestsTopic;

    SchedulerGroup(String bootstrapServers, String groupId, String requestsTopic) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.groupId = groupId;
        this.requestsTopic = requestsTopic;
    }

    /**
     * The requests partitions each instance holds, by instance name; empty unless the group is stable (a rebalance
     * in progress has no settled owners).
     */
    Map<String, Set<Integer>> requestPartitionsByInstance() {
        ConsumerGroupDescription group = describe();
        if (group.state() != ConsumerGroupState.STABLE) {
            return Map.of();
        }
        var owners = new TreeMap<String, Set<Integer>>();
        for (MemberDescription member : group.members()) {
            Set<Integer> partitions = new TreeSet<>();
            for (TopicPartition partition : member.assignment().topicPartitions()) {
                if (partition.topic().equals(requestsTopic)) {
                    partitions.add(partition.partition());
                }
            }
            owners.merge(instanceOf(member.clientId()), partitions, (a, b) -> {
                a.addAll(b);
                return a;
            });
        }
        return owners;
    }

    /** Spring's listener container appends {@code -<n>} to the configured client id. */
    private static String instanceOf(String clientId) {
        int dash = clientId.lastIndexOf('-');
        return dash > 0 && clientId.substring(dash + 1).chars().allMatch(Character::isDigit)
                ? clientId.substring(0, dash) : clientId;
    }

    private ConsumerGroupDescription describe() {
        try {
            return admin.describeConsumerGroups(Set.of(groupId)).describedGroups().get(groupId)
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe consumer group " + groupId, e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
