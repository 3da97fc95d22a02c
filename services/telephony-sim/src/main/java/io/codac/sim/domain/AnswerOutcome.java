package io.codac.sim.domain;

/** The answer to ARI {@code POST /channels/{id}/answer}. */
public enum AnswerOutcome {
    /** The channel is up (or already was). */
    ANSWERED,
    /** No such live channel: Asterisk's 404. */
    NOT_FOUND,
    /** An outbound channel still dialing is not in the application: Asterisk's 409. */
    NOT_IN_STASIS
}
