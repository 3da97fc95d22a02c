package io.codac.scenario.report;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/**
 * A set of latencies and their nearest-rank percentiles; immutable. Some samples may be <em>never</em>: a request that
 * never got its result still counts, as longer than any time — leaving it out would make a scheduler that loses work
 * look faster than one that finishes it.
 */
public final class Latencies {

    private final long[] sortedNanos;
    private final int never;

    private Latencies(long[] sortedNanos, int never) {
        this.sortedNanos = sortedNanos;
        this.never = never;
    }

    /** Negative durations (clock skew between two records) are kept as they are: they show, they are not hidden. */
    public static Latencies of(Collection<Duration> samples) {
        return of(samples, 0);
    }

    /** @param never how many more samples never happened (ranked above every time) */
    public static Latencies of(Collection<Duration> samples, int never) {
        if (never < 0) {
            throw new IllegalArgumentException("a count of samples that never happened cannot be negative: " + never);
        }
        long[] nanos = samples.stream().mapToLong(Duration::toNanos).toArray();
        Arrays.sort(nanos);
        return new Latencies(nanos, never);
    }

    /** Every sample, those that never happened included. */
    public int count() {
        return sortedNanos.length + never;
    }

    /**
     * The {@code p}-th percentile (0 &lt; p &lt;= 100), nearest rank: the smallest sample that at least p % of the
     * samples do not exceed. Empty when there are no samples, because "no figure" must not read as zero, and when
     * that sample is one that never happened ({@link #percentileMillis} tells the two apart).
     */
    public Optional<Duration> percentile(double p) {
        int rank = rank(p);
        return rank < 0 || rank >= sortedNanos.length ? Optional.empty() : Optional.of(Duration.ofNanos(sortedNanos[rank]));
    }

    /** The nearest rank of the {@code p}-th percentile among every sample, or -1 when there is none. */
    private int rank(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("a percentile is in (0, 100], was " + p);
        }
        int n = count();
        return n == 0 ? -1 : Math.clamp((int) Math.ceil(p / 100.0 * n) - 1, 0, n - 1);
    }

    /** The longest time that did happen (those that never happened left out). */
    public Optional<Duration> max() {
        return sortedNanos.length == 0 ? Optional.empty()
                : Optional.of(Duration.ofNanos(sortedNanos[sortedNanos.length - 1]));
    }

    /** The percentile in milliseconds; {@code +∞} when it is a sample that never happened; {@code NaN} without samples. */
    public double percentileMillis(double p) {
        int rank = rank(p);
        if (rank < 0) {
            return Double.NaN;
        }
        return rank >= sortedNanos.length ? Double.POSITIVE_INFINITY : sortedNanos[rank] / 1e6;
    }
}
