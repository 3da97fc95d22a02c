package io.codac.contracts.event;

/** The transitions of a call leg, as a dialer adapter reports them. */
public enum CallEventType {
    /** The originate was accepted by the telephony server. */
    DIAL_STARTED,
    /** The far end is ringing (180). */
    RINGING,
    /** Early media (183) without a ringing indication. */
    EARLY_MEDIA,
    /** The far end answered (200). */
    ANSWERED,
    /** The leg ended; {@link CallEvent#signal()} says how. */
    ENDED,
    /** The adapter could not place the command within its window: place it elsewhere, it was never dialed. */
    REJECTED_NO_CAPACITY,
    /** A shopper called one of our DIDs (missed-call flow); {@link CallEvent#did()} names it. */
    INBOUND_CALL
}
