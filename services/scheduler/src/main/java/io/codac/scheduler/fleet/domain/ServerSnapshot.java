package io.codac.scheduler.fleet.domain;

import java.time.Instant;

/**
 * One server for the operations API.
 *
 * @param capacityShare the part of its trunks' contracts it may use now (0 unless {@code UP}; below 1 while ramping)
 * @param lastHeardAt   its last accepted heartbeat's time, null if never heard
 * @param drainedByOperator drained through the scheduler's operations API: no new work, whatever its heartbeats say
 */
public record ServerSnapshot(String serverId, ServerCondition condition, double capacityShare, Instant lastHeardAt,
                             boolean drainedByOperator) {
}
