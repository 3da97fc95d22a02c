package io.codac.scheduler.messaging;

import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.VerificationRequested;
import io.codac.contracts.json.EventCodec;
import io.codac.scheduler.verification.AcceptingRequests;
import io.codac.scheduler.verification.FollowingCalls;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Requests and call events, consumed by the scheduler's shared consumer group: both topics are keyed by
 * number, so every record of one number reaches one instance, in order. Each record is processed to the
 * end (ledger written, commands acknowledged) before the listener returns and its offset is committed, and
 * processing one twice changes nothing (the use cases are idempotent).
 *
 * <p>A record the codec refuses — not JSON, an unknown type, or one that breaks the {@code EventContract}: a
 * missing or oversized id, a number that is not E.164, a call event without its leg — throws
 * {@code UndecodableEventException} and is dead-lettered by the shared error handler; it would fail the same way
 * on every retry.
 */
class SchedulerListeners {

    private final EventCodec codec;
    private final AcceptingRequests accepting;
    private final FollowingCalls following;

    SchedulerListeners(EventCodec codec, AcceptingRequests accepting, FollowingCalls following) {
        this.codec = codec;
        this.accepting = accepting;
        this.following = following;
    }

    @KafkaListener(id = "scheduler-requests", topics = "#{@codacTopics.verificationRequested()}",
            groupId = "#{@codacTopics.group('scheduler')}")
    void onRequested(String json) {
        accepting.onRequested(codec.decode(json, VerificationRequested.class));
    }

    @KafkaListener(id = "scheduler-call-events", topics = "#{@codacTopics.callEvents()}",
            groupId = "#{@codacTopics.group('scheduler')}")
    void onCallEvent(String json) {
        following.onCallEvent(codec.decode(json, CallEvent.class));
    }
}
