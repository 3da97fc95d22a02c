/**
 * The scheduler's live model of the fleet in plain Java: which servers are alive (from their heartbeats)
 * and how much of each trunk this instance is using (its own in-flight attempts and last-second dispatches).
 */
package io.codac.scheduler.fleet.domain;
