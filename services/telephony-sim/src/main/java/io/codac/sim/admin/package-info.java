/**
 * The simulator's admin HTTP API ({@code /sim/...}): counters, call records, the population's fates, inbound
 * calls, and the faults switched on at run time.
 */
package io.codac.sim.admin;
