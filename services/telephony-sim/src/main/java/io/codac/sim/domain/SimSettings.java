package io.codac.sim.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything that shapes the simulated network besides the fleet itself. Immutable; the {@code with...}
 * methods return changed copies, for example {@code SimSettings.defaults().withSeed(42).withTiming(CallTiming.fast())}.
 *
 * @param seed         decides every number's fate and every call's timing
 * @param shares       how the population divides among the fates
 * @param timing       post-dial delay, ringing, timeouts
 * @param redialWindow a call to a number that rang, answered or was busy within this window counts as a redial
 * @param cdrCapacity  call records kept in memory; the oldest are dropped beyond it (counters are never dropped)
 */
public record SimSettings(long seed, FateShares shares, CallTiming timing, Duration redialWindow, int cdrCapacity) {

    public SimSettings {
        Objects.requireNonNull(shares, "shares");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(redialWindow, "redialWindow");
        if (redialWindow.isNegative()) {
            throw new IllegalArgumentException("redial window must be >= 0, was " + redialWindow);
        }
        if (cdrCapacity < 1) {
            throw new IllegalArgumentException("cdr capacity must be >= 1, was " + cdrCapacity);
        }
    }

    /** Seed 1, the default population, realistic timings, a 10-minute redial window, 500,000 call records. */
    public static SimSettings defaults() {
        return new SimSettings(1L, FateShares.defaults(), CallTiming.realistic(), Duration.ofMinutes(10), 500_000);
    }

    /** The defaults with {@link CallTiming#fast()} timings, for tests. */
    public static SimSettings fast() {
        return defaults().withTiming(CallTiming.fast());
    }

    public SimSettings withSeed(long newSeed) {
        return new SimSettings(newSeed, shares, timing, redialWindow, cdrCapacity);
    }

    public SimSettings withShares(FateShares newShares) {
        return new SimSettings(seed, newShares, timing, redialWindow, cdrCapacity);
    }

    public SimSettings withTiming(CallTiming newTiming) {
        return new SimSettings(seed, shares, newTiming, redialWindow, cdrCapacity);
    }

    public SimSettings withRedialWindow(Duration window) {
        return new SimSettings(seed, shares, timing, window, cdrCapacity);
    }

    public SimSettings withCdrCapacity(int capacity) {
        return new SimSettings(seed, shares, timing, redialWindow, capacity);
    }
}
