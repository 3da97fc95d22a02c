/** The dial fence in Redis: the scheduler takes an unstarted attempt's claim in its adapter's place. */
package io.codac.scheduler.failover;
