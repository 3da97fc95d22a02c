/** The simulator's admin HTTP API ({@code /sim/...}): counters, call records, and the population's fates. */
package io.codac.sim.admin;
