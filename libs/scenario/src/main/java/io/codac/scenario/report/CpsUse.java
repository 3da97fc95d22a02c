package io.codac.scenario.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How much of the fleet's contracted call rate was used over a window: calls the carriers admitted, against the
 * calls the contracts allowed (each live trunk's CPS times the seconds it was alive in the window). Summing calls
 * and allowances over trunks, rather than averaging per-trunk ratios, weighs each trunk by its contract, as the
 * carriers bill it.
 *
 * @param callsStarted  calls admitted on live trunks within the window
 * @param callsAllowed  what the contracts allowed over the same trunk-seconds
 */
public record CpsUse(long callsStarted, double callsAllowed) {

    public static CpsUse over(List<TrunkWindow> trunks, Instant from, Instant until) {
        if (!until.isAfter(from)) {
            throw new IllegalArgumentException("an empty window: " + from + " .. " + until);
        }
        long started = 0;
        double allowed = 0;
        for (TrunkWindow trunk : trunks) {
            Instant liveFrom = later(from, trunk.liveFrom());
            Instant liveUntil = trunk.liveUntil() == null ? until : earlier(until, trunk.liveUntil());
            if (!liveUntil.isAfter(liveFrom)) {
                continue;
            }
            allowed += trunk.cps() * seconds(Duration.between(liveFrom, liveUntil));
            for (Instant start : trunk.callStarts()) {
                if (!start.isBefore(liveFrom) && start.isBefore(liveUntil)) {
                    started++;
                }
            }
        }
        return new CpsUse(started, allowed);
    }

    /** The share of the contracted rate used, 0 to 1 (above 1 only if a carrier admitted calls over contract). */
    public double ratio() {
        return callsAllowed == 0 ? Double.NaN : callsStarted / callsAllowed;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
