package io.codac.sim.domain;

import java.util.Objects;

/**
 * A shopper's call to one of the fleet's DIDs, as it reaches the server that owns the DID.
 *
 * @param serverId  the server that owns {@code did}
 * @param from      the shopper's number, E.164 (the channel's caller id)
 * @param did       the DID dialed
 * @param app       the Stasis application the server's dialplan sends inbound calls to
 * @param delivered whether the application is connected: if not, Asterisk's {@code Stasis()} fails at once and
 *                  the dialplan answers busy, with no event to anyone
 */
public record InboundCall(String serverId, String from, String did, String app, boolean delivered) {

    public InboundCall {
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(did, "did");
        Objects.requireNonNull(app, "app");
        if (!from.trim().matches("\\+?[0-9]{3,20}")) {
            throw new IllegalArgumentException("caller number '" + from + "' is not a phone number");
        }
    }
}
