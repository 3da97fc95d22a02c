/**
 * The telephony simulator: {@link io.codac.sim.SimulatedFleet} (the Java entry point for tests and
 * benchmarks, with {@link io.codac.sim.FleetFaults} to switch faults on and off) and
 * {@link io.codac.sim.TelephonySimApplication} (the same fleet as a process, with an admin API).
 */
package io.codac.sim;
