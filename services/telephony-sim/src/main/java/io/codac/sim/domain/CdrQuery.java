package io.codac.sim.domain;

import java.time.Instant;

/**
 * Which call records to return: every criterion given must hold ({@code null} matches anything); the newest
 * {@code limit} matching records come back, oldest first.
 *
 * @param number a number, called or calling ({@code +91...} or {@code 91...})
 * @param trunk  a trunk id
 * @param since  calls started at or after this instant (scenario time)
 * @param until  calls started before this instant
 */
public record CdrQuery(String number, String trunk, Instant since, Instant until, int limit) {

    public CdrQuery {
        number = blankToNull(number);
        trunk = blankToNull(trunk);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
    }

    public static CdrQuery all(int limit) {
        return new CdrQuery(null, null, null, null, limit);
    }

    public CdrQuery number(String value) {
        return new CdrQuery(value, trunk, since, until, limit);
    }

    public CdrQuery trunk(String value) {
        return new CdrQuery(number, value, since, until, limit);
    }

    public CdrQuery since(Instant value) {
        return new CdrQuery(number, trunk, value, until, limit);
    }

    public CdrQuery until(Instant value) {
        return new CdrQuery(number, trunk, since, value, limit);
    }

    /** Whether a call on {@code callTrunk} started at {@code startedAt} matches (the number is matched by index). */
    boolean matches(String callTrunk, Instant startedAt) {
        return (trunk == null || trunk.equals(callTrunk))
                && (since == null || !startedAt.isBefore(since))
                && (until == null || startedAt.isBefore(until));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
