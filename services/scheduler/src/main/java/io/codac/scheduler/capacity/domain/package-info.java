/**
 * The trunk capacity shared by every scheduler instance (a port; the Redis adapter lives in
 * {@code io.codac.scheduler.capacity}): channel leases and the per-second call window of each trunk.
 */
package io.codac.scheduler.capacity.domain;
