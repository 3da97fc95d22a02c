/**
 * The placement scenario of issue 5, run on the simulated fleet with the real scheduler and dialer adapters, once per
 * placement policy in one JVM. Runs only with {@code -Pbenchmark}, never in {@code ./mvnw verify}.
 */
package io.codac.scenario;
