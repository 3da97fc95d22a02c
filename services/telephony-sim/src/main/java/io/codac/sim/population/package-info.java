/** Phone numbers for the simulated population, checked with libphonenumber so they pass CODAC's own validation. */
package io.codac.sim.population;
