package io.codac.contracts.domain;

/** A fleet description that cannot be run: raised when it is loaded, never at 3 a.m. */
public class FleetValidationException extends RuntimeException {

    public FleetValidationException(String message) {
        super(message);
    }

    public FleetValidationException(String message, Throwable cause) {
        super(message, cause);
    }
}
