package io.codac.sim.domain;

/**
 * How the network tells the caller that the far end's phone is alerting. Carriers and destination operators
 * differ: most send {@code 180 Ringing}, some only {@code 183 Session Progress} with the ringback tone in the
 * early media, some both. Asterisk turns a 180 into the channel state {@code Ringing} and a {@code Dial}
 * event {@code RINGING}, and a 183 into a {@code Dial} event {@code PROGRESS} only (the state stays
 * {@code Down}), so an application that waits for {@code Ringing} never sees an early-media-only network ring.
 */
public enum RingingSignal {
    /** 180 Ringing. */
    RINGING,
    /** 183 Session Progress with ringback in the early media, never a 180. */
    EARLY_MEDIA_ONLY,
    /** 183 first, then 180. */
    EARLY_MEDIA_THEN_RINGING
}
