package io.codac.adapter.call.domain;

/** Why we cleared a call ourselves. */
public enum HangUpReason {
    /** The phone rang for the flash delay: ringing is the proof, nobody needs to pick up. */
    FLASH_AFTER_RINGING,
    /** Someone picked up: the line is proven and every further second costs money. */
    ANSWERED,
    /** Nothing ended the call within the command's ring timeout. */
    RING_TIMEOUT,
    /**
     * The originate got no answer: the channel may exist (or be created later), and a call we cannot
     * follow must not ring, so its id is cleared on the server.
     */
    ORIGINATE_OUTCOME_UNKNOWN,
    /** The adapter asked (shutdown, drain, operator). */
    REQUESTED,
    /** We asked before and the server never confirmed the channel was gone: asked again. */
    UNCONFIRMED
}
