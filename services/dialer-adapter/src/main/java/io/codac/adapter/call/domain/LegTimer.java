package io.codac.adapter.call.domain;

/** The timers a leg runs; each fires at most once and is ignored once the leg no longer needs it. */
public enum LegTimer {
    /** Started when ringing is detected; hang up when it fires. */
    FLASH_HANGUP,
    /** Started when the server accepts the channel; hang up if the call is still live when it fires. */
    RING_TIMEOUT,
    /**
     * Started when we hang up; if the server has not reported the channel destroyed when it fires, the
     * leg ends with what we know, so a lost event never holds a trunk channel forever.
     */
    HANGUP_CONFIRMATION,
    /**
     * Started on a 183 from a trunk whose carrier signals ringing as early media; if the call is still in
     * early media (no failure, no announcement ended it) when it fires, the 183 is confirmed as ringing.
     */
    EARLY_MEDIA_CONFIRMATION
}
