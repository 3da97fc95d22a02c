package io.codac.sim.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A trunk that goes down and comes back, over and over: down for {@code downFor}, up for {@code upFor}, starting
 * down at {@code since}. While down, every call offered to it fails at once with cause 38 (the carrier's side is
 * unreachable) and is not counted as an over-limit rejection; calls already up are left alone. An
 * {@code upFor} of zero keeps the trunk down until the fault is cleared.
 */
public record TrunkFlap(String trunk, Duration downFor, Duration upFor, Instant since) {

    public TrunkFlap {
        Objects.requireNonNull(trunk, "trunk");
        Objects.requireNonNull(downFor, "downFor");
        Objects.requireNonNull(upFor, "upFor");
        Objects.requireNonNull(since, "since");
        if (downFor.isNegative() || downFor.isZero()) {
            throw new IllegalArgumentException("a flapping trunk must be down for some time, was " + downFor);
        }
        if (upFor.isNegative()) {
            throw new IllegalArgumentException("up time must be >= 0, was " + upFor);
        }
    }

    /** Whether the trunk is down at {@code now}: a pure function of the clock, so tests move through the phases. */
    public boolean isDown(Instant now) {
        if (now.isBefore(since)) {
            return false;
        }
        if (upFor.isZero()) {
            return true;
        }
        long cycle = downFor.toNanos() + upFor.toNanos();
        long intoCycle = Math.floorMod(Duration.between(since, now).toNanos(), cycle);
        return intoCycle < downFor.toNanos();
    }
}
