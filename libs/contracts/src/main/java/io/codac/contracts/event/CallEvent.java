package io.codac.contracts.event;

import io.codac.contracts.domain.CallSignal;

import java.time.Instant;

/**
 * A transition of one call leg, keyed by number so every event of a number reaches the same
 * scheduler instance in order.
 *
 * @param signal    how the leg ended; only for {@link CallEventType#ENDED}
 * @param causeText Asterisk's {@code cause_txt}, for people
 * @param did       the DID that was called; only for {@link CallEventType#INBOUND_CALL}
 */
public record CallEvent(
        String eventId,
        Instant occurredAt,
        CallEventType type,
        CallLeg leg,
        CallSignal signal,
        String causeText,
        String did) implements CodacEvent {

    @Override
    public String key() {
        return leg.phoneNumber();
    }
}
