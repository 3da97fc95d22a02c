/**
 * The scheduler's operations API: the fleet as the scheduler sees it ({@code GET /v1/fleet}) and the servers an
 * operator drains through it ({@code POST /v1/fleet/servers/{id}/drain}, {@code DELETE} to resume). Internal port:
 * operators only (see docs/runbook.md).
 */
package io.codac.scheduler.operations;
