package io.codac.scenario.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoublePredicate;

/**
 * The scenario's figures, one column per placement policy and one row per figure, each row with a one-line
 * reading: which policy is ahead, and which meet the row's target. The first policy is ours; the reading compares
 * it with each of the others. A figure that could not be measured is {@code NaN} and reads "n/a", never 0; one for
 * an event that never happened (a dead server's work never moved) is {@code +∞} and reads "never".
 *
 * <p>A scenario run several times (rounds) gives each figure once per round: a cell then shows the median and the
 * range over the rounds, and the reading counts the rounds in which ours was ahead, level and behind — one run of a
 * figure decided by a handful of samples says little on its own. A policy meets a target when it met it in every
 * round.
 */
public final class ScenarioTable {

    /** Which way a figure improves. */
    public enum Better {
        HIGHER, LOWER, NEITHER
    }

    /** A bar a figure must clear, e.g. {@code new Target("≥ 95 %", v -> v >= 95)}. */
    public record Target(String text, DoublePredicate met) {

        public Target {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(met, "met");
        }
    }

    /**
     * One figure for every policy, in every round.
     *
     * @param format a {@link String#format} pattern for one value, e.g. {@code "%.1f %%"}
     * @param target {@code null} when the figure has no bar
     * @param rounds each round's values, one per policy in the table's order
     */
    public record Row(String figure, Better better, Target target, String format, List<List<Double>> rounds) {

        public Row {
            Objects.requireNonNull(figure, "figure");
            Objects.requireNonNull(better, "better");
            Objects.requireNonNull(format, "format");
            if (rounds.isEmpty()) {
                throw new IllegalArgumentException("row '" + figure + "' has no round");
            }
            rounds = rounds.stream().map(List::copyOf).toList();
            int policies = rounds.getFirst().size();
            if (rounds.stream().anyMatch(r -> r.size() != policies)) {
                throw new IllegalArgumentException("row '" + figure + "' has rounds of different sizes");
            }
        }

        /** One round: one value per policy. */
        public static Row once(String figure, Better better, Target target, String format, List<Double> values) {
            return new Row(figure, better, target, format, List.of(values));
        }

        int policies() {
            return rounds.getFirst().size();
        }

        /** The policy's values over the rounds, those not measured left out, in ascending order. */
        double[] measured(int policy) {
            return rounds.stream().mapToDouble(r -> r.get(policy)).filter(v -> !Double.isNaN(v)).sorted().toArray();
        }

        /** The median over the rounds it was measured in, or {@code NaN} when it never was. */
        public double median(int policy) {
            double[] values = measured(policy);
            if (values.length == 0) {
                return Double.NaN;
            }
            int middle = values.length / 2;
            return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        }

        /** An infinite value is an event that never happened (work never moved): "never", worse than any time. */
        private String value(double value) {
            return Double.isInfinite(value) ? "never" : String.format(Locale.ROOT, format, value);
        }

        String formatted(int policy) {
            double[] values = measured(policy);
            if (values.length == 0) {
                return "n/a";
            }
            String median = value(median(policy));
            if (rounds.size() == 1) {
                return median;
            }
            String range = values[0] == values[values.length - 1] ? "all rounds"
                    : value(values[0]) + " – " + value(values[values.length - 1]);
            String missing = values.length < rounds.size()
                    ? ", n/a in " + (rounds.size() - values.length) : "";
            return median + " (" + range + missing + ")";
        }
    }

    private final List<String> policies;
    private final List<Row> rows = new ArrayList<>();

    public ScenarioTable(List<String> policies) {
        if (policies.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one policy");
        }
        this.policies = List.copyOf(policies);
    }

    public ScenarioTable add(Row row) {
        if (row.policies() != policies.size()) {
            throw new IllegalArgumentException("row '" + row.figure() + "' has " + row.policies()
                    + " values for " + policies.size() + " policies");
        }
        rows.add(row);
        return this;
    }

    public List<Row> rows() {
        return List.copyOf(rows);
    }

    public String markdown() {
        var md = new StringBuilder("| figure |");
        policies.forEach(p -> md.append(" ").append(p).append(" |"));
        md.append(" reading |\n|---|");
        policies.forEach(p -> md.append("---:|"));
        md.append("---|\n");
        for (Row row : rows) {
            md.append("| ").append(row.figure()).append(row.target() == null ? "" : " (target " + row.target().text() + ")")
                    .append(" |");
            for (int i = 0; i < policies.size(); i++) {
                md.append(" ").append(row.formatted(i)).append(" |");
            }
            md.append(" ").append(reading(row)).append(" |\n");
        }
        return md.toString();
    }

    /** "route-aware ahead; target ≥ 95 %: met by route-aware only", or as much of it as the row allows. */
    public String reading(Row row) {
        var parts = new ArrayList<String>();
        String comparison = comparison(row);
        if (!comparison.isEmpty()) {
            parts.add(comparison);
        }
        if (row.target() != null) {
            parts.add("target " + row.target().text() + ": " + targetReading(row));
        }
        return parts.isEmpty() ? "—" : String.join("; ", parts);
    }

    private enum Standing {
        AHEAD, LEVEL, BEHIND, NOT_MEASURED
    }

    /**
     * Ours against the other policy, or, with more than two, against each of the others in turn ("against X: ...;
     * against Y: ..."): a baseline and a variant of ours read apart, never blended into one verdict.
     */
    private String comparison(Row row) {
        if (row.better() == Better.NEITHER || policies.size() < 2) {
            return "";
        }
        if (policies.size() == 2) {
            return comparison(row, 1);
        }
        var parts = new ArrayList<String>();
        for (int other = 1; other < policies.size(); other++) {
            parts.add("against " + policies.get(other) + ": " + comparison(row, other));
        }
        return String.join("; ", parts);
    }

    private String comparison(Row row, int other) {
        var standings = new EnumMap<Standing, Integer>(Standing.class);
        for (List<Double> round : row.rounds()) {
            standings.merge(standing(row.better(), round.getFirst(), round.get(other)), 1, Integer::sum);
        }
        int rounds = row.rounds().size();
        String ours = policies.getFirst();
        if (standings.size() == 1) {
            Standing only = standings.keySet().iterator().next();
            String every = rounds == 1 ? "" : " in every round";
            return switch (only) {
                case AHEAD -> ours + " ahead" + every;
                case LEVEL -> "level" + every;
                case BEHIND -> ours + " behind" + every;
                case NOT_MEASURED -> "not measured for every policy";
            };
        }
        var counts = new ArrayList<String>();
        standings.forEach((standing, count) -> counts.add(switch (standing) {
            case AHEAD -> "ahead in " + count;
            case LEVEL -> "level in " + count;
            case BEHIND -> "behind in " + count;
            case NOT_MEASURED -> "not measured in " + count;
        }));
        return ours + " " + String.join(", ", counts) + " of " + rounds + " rounds";
    }

    /** Ours against one other policy in one round. */
    private static Standing standing(Better better, double ours, double other) {
        if (Double.isNaN(ours) || Double.isNaN(other)) {
            return Standing.NOT_MEASURED;
        }
        int order = Double.compare(ours, other);
        int sign = better == Better.HIGHER ? order : -order;
        return sign > 0 ? Standing.AHEAD : sign < 0 ? Standing.BEHIND : Standing.LEVEL;
    }

    /** A policy meets the target when every round it was measured in met it (and it was measured at all). */
    private String targetReading(Row row) {
        var meeting = new ArrayList<String>();
        for (int i = 0; i < policies.size(); i++) {
            double[] values = row.measured(i);
            if (values.length > 0 && Arrays.stream(values).allMatch(row.target().met())) {
                meeting.add(policies.get(i));
            }
        }
        String every = row.rounds().size() == 1 ? "" : " in every round";
        if (meeting.isEmpty()) {
            return row.rounds().size() == 1 ? "met by none" : "met in every round by none";
        }
        if (meeting.size() == policies.size()) {
            return (policies.size() == 1 ? "met" : "met by all") + every;
        }
        return "met by " + String.join(", ", meeting) + " only" + every;
    }
}
