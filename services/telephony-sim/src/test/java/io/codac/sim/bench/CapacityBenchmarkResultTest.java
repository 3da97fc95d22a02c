package io.codac.sim.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CapacityBenchmarkResultTest {

    @Test
    void theOneMinuteLoadIsReadFromUptime() {
        assertThat(CapacityBenchmark.Result.loadAverage(
                "05:57:35 up  1:12,  0 user,  load average: 5.12, 4.07, 3.88")).isEqualTo(5.12);
        assertThat(CapacityBenchmark.Result.loadAverage("loadavg 0.50 0.40 0.30 1/200 123")).isEqualTo(0.5);
        assertThat(CapacityBenchmark.Result.loadAverage("load unknown")).isZero();
    }
}
