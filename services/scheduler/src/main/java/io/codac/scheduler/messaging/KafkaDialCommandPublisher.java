package io.codac.scheduler.messaging;

import io.codac.contracts.domain.Trunk;
import io.codac.contracts.event.DialCommand;
import io.codac.contracts.topic.Topics;
import io.codac.scheduler.verification.DialCommandPublisher;
import io.codac.support.EventPublisher;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Dial commands go to the trunk's own partition, which only the adapter owning the trunk reads. */
class KafkaDialCommandPublisher implements DialCommandPublisher {

    private final EventPublisher publisher;
    private final Topics topics;
    private final Duration ackTimeout;

    KafkaDialCommandPublisher(EventPublisher publisher, Topics topics, Duration ackTimeout) {
        this.publisher = publisher;
        this.topics = topics;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public CompletableFuture<Void> send(DialCommand command, Trunk trunk) {
        return publisher.publish(topics.dialCommands(), trunk.partition(), command).thenApply(metadata -> null);
    }

    @Override
    public void publish(DialCommand command, Trunk trunk) {
        Acknowledgements.await(publisher.publish(topics.dialCommands(), trunk.partition(), command), ackTimeout,
                "dial command " + command.attemptId());
    }
}
