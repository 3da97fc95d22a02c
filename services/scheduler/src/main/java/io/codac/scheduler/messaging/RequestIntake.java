package io.codac.scheduler.messaging;

import io.codac.contracts.topic.Topics;
import io.codac.scheduler.verification.WaitingLine;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.util.List;

/**
 * Back-pressure on new requests: while this instance's waiting line is above its high watermark (and until it has
 * fallen to the low one), the requests partitions of the listener are paused — requests stay in Kafka, durable, and
 * nothing is dropped — while the call events of the same listener keep flowing (they end calls and free trunks).
 */
public final class RequestIntake {

    private static final Logger log = LoggerFactory.getLogger(RequestIntake.class);

    private final KafkaListenerEndpointRegistry registry;
    private final Topics topics;
    private final WaitingLine line;
    private boolean paused;

    RequestIntake(KafkaListenerEndpointRegistry registry, Topics topics, WaitingLine line) {
        this.registry = registry;
        this.topics = topics;
        this.line = line;
    }

    /** Pauses or resumes the requests partitions as the line demands; called by the sweep. */
    public synchronized void apply() {
        MessageListenerContainer container = registry.getListenerContainer(SchedulerListeners.LISTENER_ID);
        if (container == null) {
            return;
        }
        boolean pause = line.isPaused();
        // A concurrent container pauses through its children, each of which owns some partitions; its own
        // resumePartition would not reach them.
        List<? extends MessageListenerContainer> consumers =
                container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent
                        ? concurrent.getContainers() : List.of(container);
        for (MessageListenerContainer consumer : consumers) {
            if (consumer.getAssignedPartitions() == null) {
                continue;
            }
            for (TopicPartition partition : consumer.getAssignedPartitions()) {
                if (!partition.topic().equals(topics.verificationRequested())) {
                    continue;
                }
                if (pause && !consumer.isPartitionPauseRequested(partition)) {
                    consumer.pausePartition(partition);
                } else if (!pause && consumer.isPartitionPauseRequested(partition)) {
                    consumer.resumePartition(partition);
                }
            }
        }
        if (pause != paused) {
            paused = pause;
            if (pause) {
                log.warn("waiting line at its high watermark ({} waiting): new requests paused, they wait in Kafka",
                        line.size());
            } else {
                log.info("waiting line down to {}: taking new requests again", line.size());
            }
        }
    }
}
