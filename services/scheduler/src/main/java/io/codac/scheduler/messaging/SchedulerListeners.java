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
import io.codac.scheduler.verification.ParallelWork;
import io.codac.scheduler.verification.TakingOverPartitions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerSeekAware;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Requests and call events, consumed together by the scheduler's shared consumer group. Both topics are keyed by
 * number and have the same partitions, and one consumer reads both with the range assignor, which gives each member
 * the same partition numbers of both topics: every record of one number reaches one instance, in order — the one
 * that decides for that number. A poll's records come as one batch: its flash-call requests are taken together
 * ({@link AcceptingRequests#onRequested(List)}: one ledger write for them all), then its call events, those of one
 * number in their order and different numbers side by side on the call-event threads — a request and a call event
 * of one number never depend on their relative order (a new verification meets its number's previous call through
 * the ledger). Every record is processed to the end (ledger written, commands sent) before the listener returns and
 * the poll's offsets are committed, and processing one twice changes nothing. If some fail, the first unprocessed
 * record is reported by its index: those before it are committed, the error handler retries it (or dead-letters it)
 * and the rest.
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
    private final ParallelWork eventParallelism;
    private final MatchingMissedCalls missedCalls;

    SchedulerListeners(EventCodec codec, Topics topics, AcceptingRequests accepting, FollowingCalls following,
                       TakingOverPartitions takingOver, MatchingMissedCalls missedCalls,
                       ParallelWork eventParallelism) {
        this.codec = codec;
        this.topics = topics;
        this.accepting = accepting;
        this.following = following;
        this.takingOver = takingOver;
        this.missedCalls = missedCalls;
        this.eventParallelism = eventParallelism;
    }

    /** Stops the call-event threads (the listener containers have stopped before). */
    public void close() {
        eventParallelism.close();
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
        var poll = new PollProgress(records.size());
        List<AcceptingRequests.Request> requests = new ArrayList<>();
        List<Integer> requestIndexes = new ArrayList<>();
        List<Decoded<VerificationRequested>> missedCallRequests = new ArrayList<>();
        Map<String, List<Decoded<CallEvent>>> eventsByNumber = new LinkedHashMap<>();
        int undecodable = -1;
        RuntimeException undecodableCause = null;
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> record = records.get(i);
            try {
                if (record.topic().equals(topics.verificationRequested())) {
                    VerificationRequested request = codec.decode(record.value(), VerificationRequested.class);
                    if (request.method() == VerificationMethod.MISSED_CALL) {
                        missedCallRequests.add(new Decoded<>(i, record.partition(), request));
                    } else {
                        requests.add(new AcceptingRequests.Request(request, record.partition()));
                        requestIndexes.add(i);
                    }
                } else {
                    CallEvent event = codec.decode(record.value(), CallEvent.class);
                    eventsByNumber.computeIfAbsent(String.valueOf(record.key()), key -> new ArrayList<>())
                            .add(new Decoded<>(i, record.partition(), event));
                }
            } catch (RuntimeException e) {
                // Those before it are processed; it is retried (or dead-lettered), then the rest.
                undecodable = i;
                undecodableCause = e;
                break;
            }
        }
        // The flash-call requests together (one ledger write), then the missed-call ones, then the call events: those
        // of one number in their order, different numbers side by side (a number's events never race each other).
        poll.run(requestIndexes, () -> accepting.onRequested(requests));
        for (Decoded<VerificationRequested> missed : missedCallRequests) {
            poll.run(List.of(missed.index()), () -> missedCalls.onRequested(missed.value(), missed.partition()));
        }
        eventParallelism.runAll(List.copyOf(eventsByNumber.values()), events -> {
            for (Decoded<CallEvent> event : events) {
                if (!poll.run(List.of(event.index()), () -> follow(event.value()))) {
                    return; // the rest of this number's events wait for the retry, in order
                }
            }
        });
        poll.throwIfIncomplete(undecodable, undecodableCause, records);
    }

    private void follow(CallEvent event) {
        if (event.type() == CallEventType.INBOUND_CALL) {
            missedCalls.onInboundCall(event);
        } else {
            following.onCallEvent(event);
        }
    }

    private record Decoded<T>(int index, int partition, T value) {
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
