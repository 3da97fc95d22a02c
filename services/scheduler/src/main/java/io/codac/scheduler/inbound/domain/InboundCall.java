package io.codac.scheduler.inbound.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A shopper's call to one of the fleet's DIDs, as a dialer adapter reported it (and rejected it, busy).
 *
 * @param eventId      the adapter's event id, one per inbound channel: a call reported twice is one call
 * @param callerNumber the caller ID the network presented, E.164
 * @param did          the DID that was called, E.164
 * @param serverId     the telephony server the call arrived on
 * @param calledAt     when it arrived (the adapter's clock)
 */
public record InboundCall(String eventId, String callerNumber, String did, String serverId, Instant calledAt) {

    public InboundCall {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(callerNumber, "callerNumber");
        Objects.requireNonNull(did, "did");
        Objects.requireNonNull(calledAt, "calledAt");
    }
}
