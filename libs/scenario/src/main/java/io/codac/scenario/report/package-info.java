/**
 * The pure arithmetic of the placement scenario (issue 5): percentiles of latencies, trunk use against contract,
 * and the table that sets the policies side by side and lands in {@code docs/benchmarks.md}. No I/O but the file
 * writer; the run itself lives in the module's benchmark profile.
 */
package io.codac.scenario.report;
