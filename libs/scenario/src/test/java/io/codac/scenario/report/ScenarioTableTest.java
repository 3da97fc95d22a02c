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
        return new Row("trunk use", Better.HIGHER, new Target("≥ 95 %", v -> v >= 95), "%.1f %%", List.of(ours, theirs));
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
        var p99 = new Row("p99", Better.LOWER, null, "%.0f ms", List.of(120.0, 900.0));
        var doubles = new Row("double dials", Better.LOWER, new Target("= 0", v -> v == 0), "%.0f", List.of(0.0, 0.0));

        assertThat(table.reading(p99)).isEqualTo("route-aware ahead");
        assertThat(table.reading(doubles)).isEqualTo("level; target = 0: met by all");
    }

    @Test
    void aFigureNotMeasuredReadsNotApplicableAndMeetsNoTarget() {
        var failover = new Row("failover", Better.LOWER, new Target("< 2 s", v -> v < 2), "%.2f s",
                List.of(1.2, Double.NaN));
        table.add(failover);

        assertThat(table.reading(failover)).isEqualTo("not measured for every policy; target < 2 s: met by route-aware only");
        assertThat(table.markdown()).contains("| 1.20 s | n/a |");
    }

    @Test
    void theMarkdownHasOneColumnPerPolicyAndOneRowPerFigureWithItsReading() {
        table.add(use(97.25, 80.0))
                .add(new Row("requests", Better.NEITHER, null, "%,.0f", List.of(4000.0, 4000.0)));

        assertThat(table.markdown()).isEqualTo("""
                | figure | route-aware | round-robin | reading |
                |---|---:|---:|---|
                | trunk use (target ≥ 95 %) | 97.3 % | 80.0 % | route-aware ahead; target ≥ 95 %: met by route-aware only |
                | requests | 4,000 | 4,000 | — |
                """);
    }

    @Test
    void aRowMustHaveAValueForEveryPolicy() {
        assertThatThrownBy(() -> table.add(new Row("x", Better.HIGHER, null, "%.0f", List.of(1.0))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
