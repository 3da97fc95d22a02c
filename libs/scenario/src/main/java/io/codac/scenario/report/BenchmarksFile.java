package io.codac.scenario.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the scenario's section into {@code docs/benchmarks.md} between its own markers, leaving every other
 * section as it is; the first run appends the section at the end. (The same idea as the simulator benchmark's
 * writer, which is test code of another module.)
 */
public final class BenchmarksFile {

    public static final String START = "<!-- placement scenario: written by PlacementScenario -->";
    public static final String END = "<!-- end of placement scenario -->";

    private BenchmarksFile() {
    }

    public static void replaceSection(Path file, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n";
        String block = START + "\n" + section.strip() + "\n" + END + "\n";
        int start = text.indexOf(START);
        int end = text.indexOf(END);
        String updated;
        if (start >= 0 && end > start) {
            updated = text.substring(0, start) + block + text.substring(end + END.length()).replaceFirst("^\\n", "");
        } else {
            updated = text.stripTrailing() + "\n\n" + block;
        }
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }
}
