/** Whole-system tests: HTTP in, Kafka, the scheduler, the dialer adapters and the simulated fleet, HTTP out. */
package io.codac.e2e;
