package io.codac.sim;

/**
 * A shopper's call placed into the simulated network.
 *
 * @param channelId the inbound channel's ARI id
 * @param server    the server that owns the DID
 * @param trunk     the trunk the call arrived on (the server's first)
 * @param from      the shopper's number, E.164
 * @param did       the DID dialed
 * @param delivered whether it reached the server's Stasis application; if not (no application connected, or the
 *                  server is dead) it failed at once with no event, as {@code cause} in its call record says
 */
public record InboundCallPlaced(String channelId, String server, String trunk, String from, String did,
                                boolean delivered) {
}
