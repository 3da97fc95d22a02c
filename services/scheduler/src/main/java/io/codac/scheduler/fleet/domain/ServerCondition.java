package io.codac.scheduler.fleet.domain;

/** A telephony server's condition as this scheduler judges it from its heartbeats. Only {@link #UP} takes new work. */
public enum ServerCondition {
    /** A recent heartbeat said {@code UP}. */
    UP,
    /** No heartbeat for longer than suspect-after: no new work, but its calls are not given up yet. */
    SUSPECT,
    /** No heartbeat for longer than dead-after: its unstarted work is moved (once per death). */
    DEAD,
    /** The adapter is stopping: its live calls end, it takes no new ones. */
    DRAINING,
    /** The adapter is up but has lost its Asterisk's event stream: it cannot dial. */
    ARI_DOWN,
    /** Never heard from since this scheduler started. */
    UNKNOWN
}
