package io.codac.adapter.call.domain;

import io.codac.contracts.domain.CallSignal;
import io.codac.contracts.event.CallEvent;
import io.codac.contracts.event.CallEventType;
import io.codac.contracts.event.CallLeg;

import java.time.Instant;
import java.util.Locale;

/**
 * Builds the call events of a leg. An event's id is derived from the attempt and the event type, and each
 * type happens at most once per attempt, so whatever is reported twice (a retried publish, a replayed
 * command) carries the same id and consumers drop the copy.
 */
public final class CallEvents {

    private CallEvents() {
    }

    public static String eventId(String attemptId, CallEventType type) {
        return attemptId + ":" + type.name().toLowerCase(Locale.ROOT);
    }

    public static CallEvent transition(CallLeg leg, CallEventType type, Instant at) {
        return new CallEvent(eventId(leg.attemptId(), type), at, type, leg, null, null, null);
    }

    public static CallEvent ended(CallLeg leg, Instant at, CallSignal signal, String causeText) {
        return new CallEvent(eventId(leg.attemptId(), CallEventType.ENDED), at, CallEventType.ENDED, leg, signal,
                causeText, null);
    }

    /** The command was handed back without dialing; {@code why} says why, for people. */
    public static CallEvent rejectedNoCapacity(CallLeg leg, Instant at, String why) {
        return new CallEvent(eventId(leg.attemptId(), CallEventType.REJECTED_NO_CAPACITY), at,
                CallEventType.REJECTED_NO_CAPACITY, leg, null, why, null);
    }
}
