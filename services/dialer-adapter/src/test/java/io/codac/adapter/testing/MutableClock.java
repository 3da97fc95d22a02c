package io.codac.adapter.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that tests move by hand, so time-based decisions are tested without waiting. */
public final class MutableClock extends Clock {

    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    public static MutableClock atTheEpochOfTheTest() {
        return new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
