package io.codac.adapter.dialing;

import io.codac.contracts.event.CallEvent;

import java.util.concurrent.CompletableFuture;

/** Where call events go (the call-events topic); the future completes once the event is durable. */
public interface CallEventSink {

    CompletableFuture<Void> publish(CallEvent event);
}
