package io.codac.contracts.event;

/** A telephony server's health as its dialer adapter sees it. */
public enum ServerState {
    UP,
    DRAINING,
    ARI_DOWN
}
