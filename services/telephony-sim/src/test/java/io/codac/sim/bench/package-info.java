/**
 * The simulator's capacity benchmark: many ARI calls per second across a ten-server fleet, over real HTTP and
 * WebSocket on loopback. Runs only with {@code -Pbenchmark}, never in {@code ./mvnw verify}.
 */
package io.codac.sim.bench;
