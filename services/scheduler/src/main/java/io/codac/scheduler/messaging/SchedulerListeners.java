package io.codac.scheduler.messaging;

import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.VerificationRequested;
import io.codac.contracts.json.EventCodec;
import io.codac.contracts.json.UndecodableEventException;
import io.codac.scheduler.verification.AcceptingRequests;
import io.codac.scheduler.verification.FollowingCalls;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Requests and call events, consumed by the scheduler's shared consumer group: both topics are keyed by
 * number, so every record of one number reaches one instance, in order. Each record is processed to the
 * end (ledger written, commands acknowledged) before the listener returns and its offset is committed.
 * A record that decodes but cannot be acted on (no id, no number) is as poisonous as one that does not
 * decode, and is dead-lettered the same way rather than retried forever.
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
        VerificationRequested request = codec.decode(json, VerificationRequested.class);
        require(request.verificationId(), "verification.requested without a verificationId");
        require(request.clientId(), "verification.requested " + request.verificationId() + " without a clientId");
        require(request.phoneNumber(), "verification.requested " + request.verificationId() + " without a phoneNumber");
        if (request.method() == null) {
            throw new UndecodableEventException("verification.requested " + request.verificationId() + " without a method");
        }
        accepting.onRequested(request);
    }

    @KafkaListener(id = "scheduler-call-events", topics = "#{@codacTopics.callEvents()}",
            groupId = "#{@codacTopics.group('scheduler')}")
    void onCallEvent(String json) {
        CallEvent event = codec.decode(json, CallEvent.class);
        if (event.type() == null) {
            throw new UndecodableEventException("call.event " + event.eventId() + " without a type");
        }
        if (event.leg() == null) {
            throw new UndecodableEventException("call.event " + event.eventId() + " without a leg");
        }
        if (event.leg().attemptId() == null) {
            return; // an inbound call has no attempt of ours; nothing to follow
        }
        following.onCallEvent(event);
    }

    private static void require(String value, String problem) {
        if (value == null || value.isBlank()) {
            throw new UndecodableEventException(problem);
        }
    }
}
