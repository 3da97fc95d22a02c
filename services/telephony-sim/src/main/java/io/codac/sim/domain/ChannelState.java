package io.codac.sim.domain;

/** The channel states an outbound call passes through, with Asterisk's names for them. */
public enum ChannelState {
    DOWN("Down"),
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
