package io.codac.sim.domain;

/**
 * Which operator holds a number's series (the destination operator of a call), for route faults, ringing
 * signals and the call records. The simulator reads it from libphonenumber's carrier data.
 */
@FunctionalInterface
public interface OperatorDirectory {

    /** The operator's name, or {@code ""} when the series is unknown. */
    String operatorOf(String e164);

    /** No operator for any number: every route fault and signal keyed by operator is then moot. */
    static OperatorDirectory unknown() {
        return number -> "";
    }
}
