package io.codac.contracts.event;

import java.time.Instant;

/** Every record on a CODAC topic: a stable id (consumers deduplicate on it), its time and its Kafka key. */
public sealed interface CodacEvent
        permits VerificationRequested, DialCommand, CallEvent, ServerHeartbeat, VerificationCompleted {

    String eventId();

    Instant occurredAt();

    /** The Kafka record key: the number, the trunk, the server or the client, per topic. */
    String key();
}
