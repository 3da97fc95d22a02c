package io.codac.contracts.domain;

import java.util.Objects;

/**
 * A carrier trunk: a contract with a phone company for a fixed number of calls per second and of
 * concurrent channels. Each trunk owns exactly one partition of the dial-command topic.
 */
public record Trunk(String id, String carrier, int partition, int cps, int maxChannels) {

    public Trunk {
        requireId(id, "trunk");
        carrier = carrier == null || carrier.isBlank() ? id : carrier;
        if (partition < 0) {
            throw new FleetValidationException("trunk " + id + ": partition must be >= 0, was " + partition);
        }
        if (cps <= 0) {
            throw new FleetValidationException("trunk " + id + ": cps must be > 0, was " + cps);
        }
        if (maxChannels <= 0) {
            throw new FleetValidationException("trunk " + id + ": maxChannels must be > 0, was " + maxChannels);
        }
    }

    static void requireId(String id, String what) {
        if (id == null || id.isBlank()) {
            throw new FleetValidationException(what + " without an id");
        }
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw new FleetValidationException(what + " id '" + id + "' may hold only letters, digits, '.', '_' and '-'");
        }
        Objects.requireNonNull(id);
    }
}
