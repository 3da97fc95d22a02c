package io.codac.sim.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarksFileTest {

    @TempDir
    Path dir;

    @Test
    void theFirstRunAppendsItsSectionAndLaterRunsReplaceOnlyIt() throws Exception {
        Path file = dir.resolve("benchmarks.md");
        Files.writeString(file, "# Benchmarks\n\n## Someone else's figure\n\n42\n");

        BenchmarksFile.replaceSection(file, "## Capacity\n\nfirst\n");
        Files.writeString(file, Files.readString(file) + "\n## A later section\n\n7\n");
        BenchmarksFile.replaceSection(file, "## Capacity\n\nsecond\n");

        String text = Files.readString(file);
        assertThat(text).contains("## Someone else's figure\n\n42", "## A later section\n\n7", "second")
                .doesNotContain("first");
        assertThat(text.indexOf(BenchmarksFile.START)).isEqualTo(text.lastIndexOf(BenchmarksFile.START));
    }

    @Test
    void theOneMinuteLoadIsReadFromUptime() {
        assertThat(CapacityBenchmark.Result.loadAverage(
                "05:57:35 up  1:12,  0 user,  load average: 5.12, 4.07, 3.88")).isEqualTo(5.12);
        assertThat(CapacityBenchmark.Result.loadAverage("loadavg 0.50 0.40 0.30 1/200 123")).isEqualTo(0.5);
        assertThat(CapacityBenchmark.Result.loadAverage("load unknown")).isZero();
    }
}
