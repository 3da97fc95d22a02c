package io.codac.adapter.call.domain;

import io.codac.contracts.event.CallEvent;

import java.util.List;

/**
 * The result of feeding one signal to a leg: its next state, the call events to publish (in order) and
 * the actions to take (in order).
 */
public record Transition(Leg leg, List<CallEvent> events, List<LegAction> actions) {

    public Transition {
        events = List.copyOf(events);
        actions = List.copyOf(actions);
    }

    /** Nothing changed: a duplicate, a late event, or a timer the leg no longer needs. */
    public static Transition unchanged(Leg leg) {
        return new Transition(leg, List.of(), List.of());
    }

    public boolean changedNothing() {
        return events.isEmpty() && actions.isEmpty();
    }
}
