package io.codac.adapter.call.domain;

/**
 * Where one call leg is: ORIGINATING → DIALING → RINGING (or EARLY_MEDIA) → ANSWERED → ENDED, with
 * shortcuts to ENDED from anywhere; ORIGINATE_UNKNOWN sits beside ORIGINATING when the originate got no answer.
 */
public enum LegState {
    /** Claimed and handed to the server; the server has not yet confirmed the channel. */
    ORIGINATING,
    /**
     * The originate got no HTTP answer: the channel may or may not exist. We asked the server to clear
     * its id and wait for the server's word (any channel event) or, failing any, the hang-up confirmation.
     */
    ORIGINATE_UNKNOWN,
    /** The channel exists and is dialing; nothing heard from the far end yet. */
    DIALING,
    /** The far end rang (180): the handset exists. */
    RINGING,
    /** Early media (183) without a ringing indication. */
    EARLY_MEDIA,
    /** The far end answered (200). */
    ANSWERED,
    /** The channel is gone; the leg reported how it ended. */
    ENDED;

    public boolean isLive() {
        return this != ENDED;
    }
}
