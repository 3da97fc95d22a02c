package io.codac.sim.domain;

/** The answer to an originate: a new channel, or a refusal the caller can see at once (as Asterisk's HTTP error). */
public sealed interface OriginateOutcome {

    record Originated(ChannelSnapshot channel) implements OriginateOutcome {
    }

    record Refused(Reason reason, String message) implements OriginateOutcome {
    }

    enum Reason {
        /** Asterisk answers 400: a bad endpoint, an unknown trunk, no application. */
        INVALID_PARAMETERS,
        /** Asterisk answers 409: a live channel already has this id. */
        CHANNEL_ID_IN_USE,
        /** The server is dead (only reachable from Java: its ARI port is closed). */
        SERVER_DOWN
    }
}
