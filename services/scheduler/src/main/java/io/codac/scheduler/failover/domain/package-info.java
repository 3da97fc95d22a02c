/**
 * Failover: what happens to a dead server's attempts (the fence is a port; its Redis adapter lives in
 * {@code io.codac.scheduler.failover}).
 */
package io.codac.scheduler.failover.domain;
