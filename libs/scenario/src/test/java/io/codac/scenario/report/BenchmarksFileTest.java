package io.codac.scenario.report;

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

        BenchmarksFile.replaceSection(file, "## Placement scenario\n\nfirst\n");
        Files.writeString(file, Files.readString(file) + "\n## A later section\n\n7\n");
        BenchmarksFile.replaceSection(file, "## Placement scenario\n\nsecond\n");

        String text = Files.readString(file);
        assertThat(text).contains("## Someone else's figure\n\n42", "## A later section\n\n7", "second")
                .doesNotContain("first");
        assertThat(text.indexOf(BenchmarksFile.START)).isEqualTo(text.lastIndexOf(BenchmarksFile.START));
    }

    @Test
    void aMissingFileIsCreated() throws Exception {
        Path file = dir.resolve("new.md");

        BenchmarksFile.replaceSection(file, "## Placement scenario\n\nfigures\n");

        assertThat(Files.readString(file)).startsWith("# Benchmarks").contains("figures", BenchmarksFile.END);
    }
}
