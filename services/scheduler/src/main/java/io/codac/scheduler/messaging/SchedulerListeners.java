package io.codac.scheduler.messaging;

import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.VerificationRequested;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.topic.Topics;
import io.codac.scheduler.inbound.MatchingMissedCalls;
import io.codac.scheduler.verification.AcceptingRequests;
import io.codac.scheduler.verification.FollowingCalls;
import io.codac.scheduler.verification.TakingOverPartitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerSeekAware;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Requests and call events, consumed together by the scheduler's shared consumer group. Both topics are keyed by
 * number and have the same partitions, and one consumer reads both with the range assignor, which gives each member
 * the same partition numbers of both topics: every record of one number reaches one instance, in order — the one
 * that decides for that number. A poll's records come as one batch, processed in their order, each run of requests
 * taken together ({@link AcceptingRequests#onRequested(List)}: one ledger write for the run); every record is
 * processed to the end (ledger written, commands sent) before the listener returns and the poll's offsets are
 * committed, and processing one twice changes nothing. A record that fails is reported by its index: those before it
 * are committed, the error handler retries it (or dead-letters it) and the rest.
 *
 * <p>On assignment the instance rebuilds the new partitions' live attempts from the ledger before it processes any
 * of their records; on revocation it forgets them ({@link TakingOverPartitions}).
 *
 * <p>Missed calls — {@code MISSED_CALL} requests and {@code INBOUND_CALL} events — go to {@link MatchingMissedCalls};
 * everything else to the flash-call use cases.
 *
 * <p>A record the codec refuses — not JSON, an unknown type, or one that breaks the {@code EventContract} — throws
 * {@code UndecodableEventException} and is dead-lettered by the shared error handler; it would fail the same way
 * on every retry.
 */
class SchedulerListeners implements ConsumerSeekAware {

    private final EventCodec codec;
    private final Topics topics;
    private final AcceptingRequests accepting;
    private final FollowingCalls following;
    private final TakingOverPartitions takingOver;
    private final MatchingMissedCalls missedCalls;

    SchedulerListeners(EventCodec codec, Topics topics, AcceptingRequests accepting, FollowingCalls following,
                       TakingOverPartitions takingOver, MatchingMissedCalls missedCalls) {
        this.codec = codec;
        this.topics = topics;
        this.accepting = accepting;
        this.following = following;
        this.takingOver = takingOver;
        this.missedCalls = missedCalls;
    }

    static final String LISTENER_ID = "scheduler-numbers";

    @KafkaListener(id = LISTENER_ID,
            topics = {"#{@codacTopics.verificationRequested()}", "#{@codacTopics.callEvents()}"},
            groupId = "#{@codacTopics.group('scheduler')}",
            concurrency = "${codac.scheduler.listener-concurrency:3}",
            batch = "true",
            properties = {"partition.assignment.strategy=org.apache.kafka.clients.consumer.RangeAssignor",
                    // A poll's batch is processed whole: it bounds how far past its high watermark the line can go.
                    "max.poll.records=100"})
    void onRecords(List<ConsumerRecord<String, String>> records) {
        List<AcceptingRequests.Request> requests = new ArrayList<>();
        int firstRequest = -1;
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> record = records.get(i);
            try {
                if (record.topic().equals(topics.verificationRequested())) {
                    VerificationRequested request = codec.decode(record.value(), VerificationRequested.class);
                    if (request.method() != VerificationMethod.MISSED_CALL) {
                        requests.add(new AcceptingRequests.Request(request, record.partition()));
                        firstRequest = firstRequest < 0 ? i : firstRequest;
                        continue;
                    }
                    // The requests before it first: a poll's records are processed in their order.
                    accept(requests, firstRequest);
                    firstRequest = -1;
                    missedCalls.onRequested(request, record.partition());
                    continue;
                }
                CallEvent event = codec.decode(record.value(), CallEvent.class);
                accept(requests, firstRequest);
                firstRequest = -1;
                if (event.type() == CallEventType.INBOUND_CALL) {
                    missedCalls.onInboundCall(event);
                } else {
                    following.onCallEvent(event);
                }
            } catch (BatchListenerFailedException failed) {
                throw failed;
            } catch (RuntimeException e) {
                accept(requests, firstRequest);
                // The records before this one are done (their offsets are committed); the error handler retries this
                // one, or dead-letters it if it can never be decoded, then goes on with the rest.
                throw new BatchListenerFailedException("record " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + " failed: " + e.getMessage(), e, i);
            }
        }
        accept(requests, firstRequest);
    }

    /** Takes the requests gathered so far together; if that fails, they are retried from the first of them. */
    private void accept(List<AcceptingRequests.Request> requests, int firstIndex) {
        if (requests.isEmpty()) {
            return;
        }
        try {
            accepting.onRequested(List.copyOf(requests));
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException("requests from index " + firstIndex + " failed: " + e.getMessage(),
                    e, firstIndex);
        } finally {
            requests.clear();
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        takingOver.assigned(requestPartitions(assignments.keySet()));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        takingOver.revoked(requestPartitions(partitions));
    }

    /** The numbers' partitions: those of the requests topic (the call-events topic's are the same numbers). */
    private Set<Integer> requestPartitions(Collection<TopicPartition> partitions) {
        return partitions.stream()
                .filter(partition -> partition.topic().equals(topics.verificationRequested()))
                .map(TopicPartition::partition)
                .collect(Collectors.toSet());
    }
}
