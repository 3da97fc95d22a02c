package io.codac.sim.domain;

/** The channel states a call passes through, with Asterisk's names for them. */
public enum ChannelState {
    /** An outbound channel while dialing, before the far end alerts. */
    DOWN("Down"),
    /** An inbound channel that has not been answered (the shopper hears ringing). */
    RING("Ring"),
    /** An outbound channel whose far end sent 180 Ringing. */
    RINGING("Ringing"),
    UP("Up");

    private final String asteriskName;

    ChannelState(String asteriskName) {
        this.asteriskName = asteriskName;
    }

    public String asteriskName() {
        return asteriskName;
    }
}
