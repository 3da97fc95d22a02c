package io.codac.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that tests move by hand, so time-based domain decisions are tested without waiting. */
public final class MutableClock extends Clock {

    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    /** A fixed, readable starting instant shared by the domain tests. */
    public static MutableClock atNoon() {
        return new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
    }

    public synchronized void advance(Duration by) {
        now = now.plus(by);
    }

    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    public synchronized void set(Instant instant) {
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
