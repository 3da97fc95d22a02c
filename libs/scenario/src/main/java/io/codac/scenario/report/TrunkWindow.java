package io.codac.scenario.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One trunk over a stretch of the run: its contracted calls per second, the part of the run it was alive in (a
 * killed server's trunks stop counting against contract when it dies), and the instants the carrier admitted a
 * call on it.
 *
 * @param liveUntil {@code null} while it never died
 */
public record TrunkWindow(String trunkId, int cps, Instant liveFrom, Instant liveUntil, List<Instant> callStarts) {

    public TrunkWindow {
        Objects.requireNonNull(trunkId, "trunkId");
        Objects.requireNonNull(liveFrom, "liveFrom");
        if (cps <= 0) {
            throw new IllegalArgumentException("trunk " + trunkId + ": cps must be > 0, was " + cps);
        }
        callStarts = List.copyOf(callStarts);
    }
}
