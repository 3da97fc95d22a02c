package io.codac.contracts.json;

/** A record that is not a CODAC event we understand: consumers send it to the dead-letter topic. */
public class UndecodableEventException extends RuntimeException {

    public UndecodableEventException(String message) {
        super(message);
    }

    public UndecodableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
