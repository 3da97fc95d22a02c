/**
 * Placement in plain Java: given a snapshot of every trunk (headroom, server liveness and share, route health to
 * the number's operator), which trunk places the next attempt, or why none can right now. Two policies: ours
 * ({@link io.codac.scheduler.placement.domain.RouteAwarePolicy}) and the round-robin baseline of the benchmark.
 */
package io.codac.scheduler.placement.domain;
