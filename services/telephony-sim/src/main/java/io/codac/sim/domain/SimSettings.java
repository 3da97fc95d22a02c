package io.codac.sim.domain;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything that shapes the simulated network besides the fleet itself. Immutable; the {@code with...}
 * methods return changed copies, for example {@code SimSettings.defaults().withSeed(42).withTiming(CallTiming.fast())}.
 *
 * @param seed           decides every number's fate and every call's timing
 * @param shares         how the population divides among the fates
 * @param timing         post-dial delay, ringing, timeouts, in scenario time
 * @param redialWindow   a call to a number that rang, answered or was busy within this window counts as a redial
 * @param cdrCapacity    call records kept in memory; the oldest are dropped beyond it (counters are never dropped)
 * @param speedFactor    how many times faster than the wall clock the scenario runs: every delay, timeout, CPS window
 *                       and redial window is in scenario time, so at 10 a 30 s ring limit takes 3 s and a trunk of
 *                       20 CPS admits 200 calls per wall-clock second
 * @param ringingSignals how a ringing phone is signalled, by trunk id, carrier name or destination operator name
 *                       (case-insensitive, looked up in that order); {@link RingingSignal#RINGING} for the rest
 */
public record SimSettings(long seed, FateShares shares, CallTiming timing, Duration redialWindow, int cdrCapacity,
                          double speedFactor, Map<String, RingingSignal> ringingSignals) {

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
        if (!(speedFactor > 0) || Double.isInfinite(speedFactor)) {
            throw new IllegalArgumentException("speed factor must be a finite number > 0, was " + speedFactor);
        }
        var signals = new TreeMap<String, RingingSignal>();
        if (ringingSignals != null) {
            ringingSignals.forEach((key, signal) -> {
                if (key == null || key.isBlank() || signal == null) {
                    throw new IllegalArgumentException("ringing signal '" + key + "' -> " + signal + ": need a name and a signal");
                }
                signals.put(key.trim().toLowerCase(Locale.ROOT), signal);
            });
        }
        ringingSignals = Map.copyOf(signals);
    }

    /** The settings of the first version: real time, 180 Ringing everywhere. */
    public SimSettings(long seed, FateShares shares, CallTiming timing, Duration redialWindow, int cdrCapacity) {
        this(seed, shares, timing, redialWindow, cdrCapacity, 1.0, Map.of());
    }

    /** Seed 1, the default population, realistic timings, a 10-minute redial window, 500,000 call records, real time. */
    public static SimSettings defaults() {
        return new SimSettings(1L, FateShares.defaults(), CallTiming.realistic(), Duration.ofMinutes(10), 500_000);
    }

    /** The defaults with {@link CallTiming#fast()} timings, for tests. */
    public static SimSettings fast() {
        return defaults().withTiming(CallTiming.fast());
    }

    public SimSettings withSeed(long newSeed) {
        return new SimSettings(newSeed, shares, timing, redialWindow, cdrCapacity, speedFactor, ringingSignals);
    }

    public SimSettings withShares(FateShares newShares) {
        return new SimSettings(seed, newShares, timing, redialWindow, cdrCapacity, speedFactor, ringingSignals);
    }

    public SimSettings withTiming(CallTiming newTiming) {
        return new SimSettings(seed, shares, newTiming, redialWindow, cdrCapacity, speedFactor, ringingSignals);
    }

    public SimSettings withRedialWindow(Duration window) {
        return new SimSettings(seed, shares, timing, window, cdrCapacity, speedFactor, ringingSignals);
    }

    public SimSettings withCdrCapacity(int capacity) {
        return new SimSettings(seed, shares, timing, redialWindow, capacity, speedFactor, ringingSignals);
    }

    public SimSettings withSpeedFactor(double factor) {
        return new SimSettings(seed, shares, timing, redialWindow, cdrCapacity, factor, ringingSignals);
    }

    /** How ringing is signalled on a trunk, for a carrier, or towards a destination operator. */
    public SimSettings withRingingSignal(String trunkCarrierOrOperator, RingingSignal signal) {
        var signals = new TreeMap<>(ringingSignals);
        signals.put(trunkCarrierOrOperator, signal);
        return new SimSettings(seed, shares, timing, redialWindow, cdrCapacity, speedFactor, signals);
    }

    /** The signal of a call on {@code trunkId} of {@code carrier} to a number of {@code operator}. */
    public RingingSignal ringingSignal(String trunkId, String carrier, String operator) {
        for (String key : new String[]{trunkId, carrier, operator}) {
            if (key != null && !key.isEmpty()) {
                RingingSignal signal = ringingSignals.get(key.toLowerCase(Locale.ROOT));
                if (signal != null) {
                    return signal;
                }
            }
        }
        return RingingSignal.RINGING;
    }
}
