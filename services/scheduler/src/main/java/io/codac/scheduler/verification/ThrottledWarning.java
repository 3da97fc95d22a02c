package io.codac.scheduler.verification;

import org.slf4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * A warning that would repeat many times a second while a dependency is down (the line is placed every 10 ms):
 * logged with its cause at most once per interval, with how many like it were left out since; those in between go
 * to debug.
 */
final class ThrottledWarning {

    private final Duration interval;
    private final Clock clock;
    private Instant lastLogged;
    private int leftOut;

    ThrottledWarning(Duration interval, Clock clock) {
        if (interval == null || interval.isNegative()) {
            throw new IllegalArgumentException("the interval must be zero or positive, was " + interval);
        }
        this.interval = interval;
        this.clock = clock;
    }

    /** @return true when this one was logged as a warning */
    boolean warn(Logger log, String message, Throwable cause) {
        Instant now = clock.instant();
        int before;
        synchronized (this) {
            if (lastLogged != null && now.isBefore(lastLogged.plus(interval))) {
                leftOut++;
                log.debug(message, cause);
                return false;
            }
            before = leftOut;
            leftOut = 0;
            lastLogged = now;
        }
        log.warn(before == 0 ? message : message + " (" + before + " more like it in the last " + interval.toSeconds()
                + " s)", cause);
        return true;
    }
}
