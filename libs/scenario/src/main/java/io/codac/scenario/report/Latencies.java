package io.codac.scenario.report;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/** A set of latencies and their nearest-rank percentiles; immutable. */
public final class Latencies {

    private final long[] sortedNanos;

    private Latencies(long[] sortedNanos) {
        this.sortedNanos = sortedNanos;
    }

    /** Negative durations (clock skew between two records) are kept as they are: they show, they are not hidden. */
    public static Latencies of(Collection<Duration> samples) {
        long[] nanos = samples.stream().mapToLong(Duration::toNanos).toArray();
        Arrays.sort(nanos);
        return new Latencies(nanos);
    }

    public int count() {
        return sortedNanos.length;
    }

    /**
     * The {@code p}-th percentile (0 &lt; p &lt;= 100), nearest rank: the smallest sample that at least p % of the
     * samples do not exceed. Empty when there are no samples, because "no figure" must not read as zero.
     */
    public Optional<Duration> percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("a percentile is in (0, 100], was " + p);
        }
        int n = sortedNanos.length;
        if (n == 0) {
            return Optional.empty();
        }
        int rank = (int) Math.ceil(p / 100.0 * n) - 1;
        return Optional.of(Duration.ofNanos(sortedNanos[Math.clamp(rank, 0, n - 1)]));
    }

    public Optional<Duration> max() {
        return sortedNanos.length == 0 ? Optional.empty()
                : Optional.of(Duration.ofNanos(sortedNanos[sortedNanos.length - 1]));
    }

    /** The percentile in milliseconds, or {@code NaN} when there are no samples. */
    public double percentileMillis(double p) {
        return percentile(p).map(d -> d.toNanos() / 1e6).orElse(Double.NaN);
    }
}
