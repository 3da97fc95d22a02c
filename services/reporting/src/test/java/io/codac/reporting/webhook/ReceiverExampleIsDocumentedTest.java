package io.codac.reporting.webhook;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The receiver code in docs/webhooks.md is, line for line, the code the integration test verifies with. */
class ReceiverExampleIsDocumentedTest {

    @Test
    void theDocumentedReceiverIsTheTestedOne() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/codac/reporting/webhook/ReceiverExample.java"));
        String tested = source.substring(source.indexOf("// --- docs/webhooks.md: begin ---\n") + 35,
                source.indexOf("    // --- docs/webhooks.md: end ---"));
        String docs = Files.readString(Path.of("../../docs/webhooks.md"));
        String documented = docs.substring(docs.indexOf("```java\n") + 8, docs.indexOf("```", docs.indexOf("```java\n") + 8));

        assertThat(normalize(documented)).isEqualTo(normalize(tested));
    }

    /** Same lines, whatever the indentation. */
    private static String normalize(String code) {
        return Arrays.stream(code.split("\n")).map(String::strip).filter(line -> !line.isEmpty())
                .collect(Collectors.joining("\n"));
    }
}
