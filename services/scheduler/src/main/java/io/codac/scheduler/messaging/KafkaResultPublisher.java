package io.codac.scheduler.messaging;

import io.codac.contracts.event.VerificationCompleted;
import io.codac.contracts.topic.Topics;
import io.codac.scheduler.verification.ResultPublisher;
import io.codac.support.EventPublisher;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Results go to the results topic keyed by client, so each client's results stay in order. */
class KafkaResultPublisher implements ResultPublisher {

    private final EventPublisher publisher;
    private final Topics topics;
    private final Duration ackTimeout;

    KafkaResultPublisher(EventPublisher publisher, Topics topics, Duration ackTimeout) {
        this.publisher = publisher;
        this.topics = topics;
        this.ackTimeout = ackTimeout;
    }

    @Override
    public CompletableFuture<Void> send(VerificationCompleted completed) {
        return publisher.publish(topics.verificationResults(), completed).thenApply(metadata -> null);
    }

    @Override
    public void publish(VerificationCompleted completed) {
        Acknowledgements.await(publisher.publish(topics.verificationResults(), completed), ackTimeout,
                "result of verification " + completed.verificationId());
    }
}
