package io.codac.sim.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lets Maven run {@link CapacityBenchmark} with the {@code benchmark} profile (failsafe includes only this class
 * there; the default build never runs it, because tests never time things). The run must be clean — no double
 * dial, no over-limit rejection, no HTTP error — whatever the figure on a busy machine.
 */
class CapacityBenchmarkRun {

    @Test
    void capacityBenchmark() throws Exception {
        CapacityBenchmark.Result result = CapacityBenchmark.runAndReport();

        assertThat(result.clean()).as("a clean run").isTrue();
    }
}
