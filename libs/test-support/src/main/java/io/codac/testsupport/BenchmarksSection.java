package io.codac.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One benchmark's section of {@code docs/benchmarks.md}, between its own markers: written in place, leaving every
 * other section as it is; the first run appends it at the end. Each benchmark runner owns one.
 */
public record BenchmarksSection(String startMarker, String endMarker) {

    public BenchmarksSection {
        if (startMarker == null || startMarker.isBlank() || endMarker == null || endMarker.isBlank()
                || startMarker.equals(endMarker)) {
            throw new IllegalArgumentException("a section needs two distinct markers");
        }
    }

    public void writeInto(Path file, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n";
        String block = startMarker + "\n" + section.strip() + "\n" + endMarker + "\n";
        int start = text.indexOf(startMarker);
        int end = text.indexOf(endMarker);
        String updated;
        if (start >= 0 && end > start) {
            updated = text.substring(0, start) + block
                    + text.substring(end + endMarker.length()).replaceFirst("^\\n", "");
        } else {
            updated = text.stripTrailing() + "\n\n" + block;
        }
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }
}
