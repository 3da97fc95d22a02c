/**
 * The simulated telephone network in plain Java: the population of numbers and their fates, the carriers'
 * contracts behind each trunk, the channel state machine for outbound and inbound calls, the faults switched
 * on at run time, and the ledger that counts broken promises. Time comes from an injected
 * {@link java.time.Clock} and {@link io.codac.sim.domain.Timers}, so tests move it by hand.
 */
package io.codac.sim.domain;
