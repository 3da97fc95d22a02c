package io.codac.sim.domain;

/** Who placed a call: CODAC (a flash call, originated over ARI) or a shopper (a missed call to one of our DIDs). */
public enum Direction {
    OUTBOUND,
    INBOUND
}
