package io.codac.scenario.report;

import io.codac.scenario.report.ScenarioTable.Better;
import io.codac.scenario.report.ScenarioTable.Row;
import io.codac.scenario.report.ScenarioTable.Target;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioTableTest {

    private final ScenarioTable table = new ScenarioTable(List.of("route-aware", "round-robin"));

    private static Row use(double ours, double theirs) {
        return Row.once("trunk use", Better.HIGHER, new Target("≥ 95 %", v -> v >= 95), "%.1f %%", List.of(ours, theirs));
    }

    @Test
    void aRowReadsWhoIsAheadAndWhoMeetsTheTarget() {
        assertThat(table.reading(use(97.2, 81.0))).isEqualTo("route-aware ahead; target ≥ 95 %: met by route-aware only");
        assertThat(table.reading(use(90, 96))).isEqualTo("route-aware behind; target ≥ 95 %: met by round-robin only");
        assertThat(table.reading(use(99, 99))).isEqualTo("level; target ≥ 95 %: met by all");
        assertThat(table.reading(use(50, 40))).isEqualTo("route-aware ahead; target ≥ 95 %: met by none");
    }

    @Test
    void lowerIsBetterForLatenciesAndCounts() {
        var p99 = Row.once("p99", Better.LOWER, null, "%.0f ms", List.of(120.0, 900.0));
        var doubles = Row.once("double dials", Better.LOWER, new Target("= 0", v -> v == 0), "%.0f", List.of(0.0, 0.0));

        assertThat(table.reading(p99)).isEqualTo("route-aware ahead");
        assertThat(table.reading(doubles)).isEqualTo("level; target = 0: met by all");
    }

    @Test
    void aFigureNotMeasuredReadsNotApplicableAndMeetsNoTarget() {
        var failover = Row.once("failover", Better.LOWER, new Target("< 2 s", v -> v < 2), "%.2f s",
                List.of(1.2, Double.NaN));
        table.add(failover);

        assertThat(table.reading(failover)).isEqualTo("not measured for every policy; target < 2 s: met by route-aware only");
        assertThat(table.markdown()).contains("| 1.20 s | n/a |");
    }

    @Test
    void theMarkdownHasOneColumnPerPolicyAndOneRowPerFigureWithItsReading() {
        table.add(use(97.25, 80.0))
                .add(Row.once("requests", Better.NEITHER, null, "%,.0f", List.of(4000.0, 4000.0)));

        assertThat(table.markdown()).isEqualTo("""
                | figure | route-aware | round-robin | reading |
                |---|---:|---:|---|
                | trunk use (target ≥ 95 %) | 97.3 % | 80.0 % | route-aware ahead; target ≥ 95 %: met by route-aware only |
                | requests | 4,000 | 4,000 | — |
                """);
    }

    @Test
    void overSeveralRoundsACellShowsTheMedianAndTheRangeAndTheReadingCountsTheRounds() {
        var use = new Row("trunk use", Better.HIGHER, new Target("≥ 95 %", v -> v >= 95), "%.1f %%",
                List.of(List.of(98.4, 98.5), List.of(98.6, 98.1), List.of(97.9, 97.9), List.of(99.0, 94.0)));
        table.add(use);

        assertThat(use.median(0)).isEqualTo(98.5);
        assertThat(table.reading(use)).isEqualTo(
                "route-aware ahead in 2, level in 1, behind in 1 of 4 rounds; target ≥ 95 %: met by route-aware only in every round");
        assertThat(table.markdown()).contains("| 98.5 % (97.9 % – 99.0 %) | 98.0 % (94.0 % – 98.5 %) |");
    }

    @Test
    void aPolicyAheadInEveryRoundReadsSoAndARoundNotMeasuredIsCountedApart() {
        var failover = new Row("failover", Better.LOWER, new Target("< 2 s", v -> v < 2), "%.2f s",
                List.of(List.of(1.1, 1.6), List.of(1.2, 1.7), List.of(1.0, 1.5)));
        var sometimes = new Row("failover", Better.LOWER, null, "%.2f s",
                List.of(List.of(1.1, 1.6), List.of(Double.NaN, 1.7), List.of(1.0, 1.5)));
        var zeros = new Row("double dials", Better.LOWER, null, "%.0f", List.of(List.of(0.0, 0.0), List.of(0.0, 0.0)));
        table.add(sometimes).add(zeros);

        assertThat(table.reading(failover)).isEqualTo("route-aware ahead in every round; target < 2 s: met by all in every round");
        assertThat(table.reading(sometimes)).isEqualTo("route-aware ahead in 2, not measured in 1 of 3 rounds");
        assertThat(table.reading(zeros)).isEqualTo("level in every round");
        assertThat(table.markdown()).contains("| 1.05 s (1.00 s – 1.10 s, n/a in 1) | 1.60 s (1.50 s – 1.70 s) |")
                .contains("| 0 (all rounds) | 0 (all rounds) |");
    }

    @Test
    void withThreePoliciesOursIsReadAgainstEachOfTheOthersApart() {
        var three = new ScenarioTable(List.of("route-aware", "naive-round-robin", "round-robin"));
        var use = new Row("trunk use", Better.HIGHER, new Target("≥ 95 %", v -> v >= 95), "%.1f %%",
                List.of(List.of(98.6, 80.0, 98.8), List.of(98.7, 81.0, 98.7)));
        three.add(use);

        assertThat(three.reading(use)).isEqualTo("against naive-round-robin: route-aware ahead in every round;"
                + " against round-robin: route-aware level in 1, behind in 1 of 2 rounds;"
                + " target ≥ 95 %: met by route-aware, round-robin only in every round");
        assertThat(three.markdown()).contains("| figure | route-aware | naive-round-robin | round-robin | reading |");
    }

    @Test
    void anEventThatNeverHappenedReadsNeverAndIsWorseThanAnyTime() {
        var failover = new Row("failover", Better.LOWER, new Target("< 2 s", v -> v < 2), "%.2f s",
                List.of(List.of(1.4, Double.POSITIVE_INFINITY), List.of(1.6, 9.5), List.of(1.5, Double.POSITIVE_INFINITY)));
        table.add(failover);

        assertThat(table.reading(failover)).isEqualTo("route-aware ahead in every round; target < 2 s: met by"
                + " route-aware only in every round");
        assertThat(table.markdown()).contains("| 1.50 s (1.40 s – 1.60 s) | never (9.50 s – never) |");
    }

    @Test
    void aRowMustHaveAValueForEveryPolicy() {
        assertThatThrownBy(() -> table.add(Row.once("x", Better.HIGHER, null, "%.0f", List.of(1.0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Row("x", Better.HIGHER, null, "%.0f", List.of(List.of(1.0, 2.0), List.of(1.0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Row("x", Better.HIGHER, null, "%.0f", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
