package io.codac.contracts.event;

import java.time.Instant;

/** Every record on a CODAC topic: a stable id (consumers deduplicate on it), its time and its Kafka key. */
public sealed interface CodacEvent
        permits VerificationRequested, DialCommand, CallEvent, ServerHeartbeat, VerificationCompleted, RouteAlertEvent {

    String eventId();

    Instant occurredAt();

    /** The Kafka record key: the number, the trunk, the server, the client or the route, per topic. */
    String key();
}
