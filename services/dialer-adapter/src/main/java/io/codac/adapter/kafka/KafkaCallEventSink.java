package io.codac.adapter.kafka;

import io.codac.adapter.dialing.CallEventSink;
import io.codac.contracts.event.CallEvent;
import io.codac.support.EventPublisher;

import java.util.concurrent.CompletableFuture;

/** Call events on the call-events topic, keyed by number so each number's events stay in order. */
public final class KafkaCallEventSink implements CallEventSink {

    private final EventPublisher publisher;
    private final String topic;

    public KafkaCallEventSink(EventPublisher publisher, String topic) {
        this.publisher = publisher;
        this.topic = topic;
    }

    @Override
    public CompletableFuture<Void> publish(CallEvent event) {
        return publisher.publish(topic, event).thenApply(metadata -> null);
    }
}
