package io.codac.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarksSectionTest {

    private static final BenchmarksSection CAPACITY = new BenchmarksSection("<!-- capacity -->", "<!-- end of capacity -->");

    @TempDir
    Path dir;

    @Test
    void theFirstRunAppendsItsSectionAndLaterRunsReplaceOnlyIt() throws Exception {
        Path file = dir.resolve("benchmarks.md");
        Files.writeString(file, "# Benchmarks\n\n## Someone else's figure\n\n42\n");

        CAPACITY.writeInto(file, "## Capacity\n\nfirst\n");
        Files.writeString(file, Files.readString(file) + "\n## A later section\n\n7\n");
        CAPACITY.writeInto(file, "## Capacity\n\nsecond\n");

        String text = Files.readString(file);
        assertThat(text).contains("## Someone else's figure\n\n42", "## A later section\n\n7", "second")
                .doesNotContain("first");
        assertThat(text.indexOf(CAPACITY.startMarker())).isEqualTo(text.lastIndexOf(CAPACITY.startMarker()));
    }

    @Test
    void aMissingFileStartsWithATitle() throws Exception {
        Path file = dir.resolve("new.md");

        CAPACITY.writeInto(file, "## Capacity\n\nonly\n");

        assertThat(Files.readString(file)).startsWith("# Benchmarks\n\n<!-- capacity -->\n## Capacity");
    }

    @Test
    void aSectionNeedsTwoDistinctMarkers() {
        assertThatThrownBy(() -> new BenchmarksSection("<!-- x -->", "<!-- x -->"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
