package io.codac.reporting.timeline.domain;

import io.codac.contracts.event.CallEventType;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where a call leg is, as far as reporting has heard. A leg only advances: a redelivered or late
 * {@code RINGING} never pulls an answered or ended leg back. Early media (183) ranks below ringing
 * (180) because only ringing proves a handset was alerted; a 183 after a 180 leaves the leg ringing.
 * {@link #ENDED} and {@link #REJECTED} are final.
 */
public enum LegState {
    DIALING(0),
    EARLY_MEDIA(1),
    RINGING(2),
    ANSWERED(3),
    ENDED(4),
    /** The adapter had no capacity in the command's window: the leg was never dialed. */
    REJECTED(4);

    private final int rank;

    LegState(int rank) {
        this.rank = rank;
    }

    public boolean isFinal() {
        return this == ENDED || this == REJECTED;
    }

    /** True when a leg at {@code current} should move to this state. */
    public boolean supersedes(LegState current) {
        return !current.isFinal() && rank > current.rank;
    }

    /** The states this one supersedes: the guard of a conditional update. */
    public Set<LegState> superseded() {
        var superseded = EnumSet.noneOf(LegState.class);
        Arrays.stream(values()).filter(this::supersedes).forEach(superseded::add);
        return superseded;
    }

    /** The state a call event reports, or empty for events that are not about an outbound leg. */
    public static Optional<LegState> reportedBy(CallEventType type) {
        return switch (type) {
            case DIAL_STARTED -> Optional.of(DIALING);
            case RINGING -> Optional.of(RINGING);
            case EARLY_MEDIA -> Optional.of(EARLY_MEDIA);
            case ANSWERED -> Optional.of(ANSWERED);
            case ENDED -> Optional.of(ENDED);
            case REJECTED_NO_CAPACITY -> Optional.of(REJECTED);
            case INBOUND_CALL -> Optional.empty();
        };
    }
}
