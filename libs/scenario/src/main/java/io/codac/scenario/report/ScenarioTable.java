package io.codac.scenario.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoublePredicate;

/**
 * The scenario's figures, one column per placement policy and one row per figure, each row with a one-line
 * reading: which policy is ahead, and which meet the row's target. The first policy is ours; the reading compares
 * it with the others. A figure that could not be measured is {@code NaN} and reads "n/a", never 0.
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
     * One figure for every policy.
     *
     * @param format a {@link String#format} pattern for one value, e.g. {@code "%.1f %%"}
     * @param target {@code null} when the figure has no bar
     */
    public record Row(String figure, Better better, Target target, String format, List<Double> values) {

        public Row {
            Objects.requireNonNull(figure, "figure");
            Objects.requireNonNull(better, "better");
            Objects.requireNonNull(format, "format");
            values = List.copyOf(values);
        }

        String formatted(int policy) {
            double value = values.get(policy);
            return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, format, value);
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
        if (row.values().size() != policies.size()) {
            throw new IllegalArgumentException("row '" + row.figure() + "' has " + row.values().size()
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

    private String comparison(Row row) {
        if (row.better() == Better.NEITHER || policies.size() < 2) {
            return "";
        }
        double ours = row.values().getFirst();
        if (Double.isNaN(ours) || row.values().stream().skip(1).anyMatch(v -> Double.isNaN(v))) {
            return "not measured for every policy";
        }
        int ahead = 0;
        int behind = 0;
        for (int i = 1; i < policies.size(); i++) {
            int order = Double.compare(ours, row.values().get(i));
            int sign = row.better() == Better.HIGHER ? order : -order;
            if (sign > 0) {
                ahead++;
            } else if (sign < 0) {
                behind++;
            }
        }
        if (ahead == policies.size() - 1) {
            return policies.getFirst() + " ahead";
        }
        if (behind == 0) {
            return "level";
        }
        return policies.getFirst() + " behind";
    }

    private String targetReading(Row row) {
        var meeting = new ArrayList<String>();
        for (int i = 0; i < policies.size(); i++) {
            double value = row.values().get(i);
            if (!Double.isNaN(value) && row.target().met().test(value)) {
                meeting.add(policies.get(i));
            }
        }
        if (meeting.isEmpty()) {
            return "met by none";
        }
        if (meeting.size() == policies.size()) {
            return policies.size() == 1 ? "met" : "met by all";
        }
        return "met by " + String.join(", ", meeting) + " only";
    }
}
