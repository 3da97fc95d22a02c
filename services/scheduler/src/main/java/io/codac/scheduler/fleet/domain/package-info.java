/**
 * The scheduler's live model of the fleet in plain Java: server liveness from heartbeats (up, suspect, dead,
 * draining, back from the dead and ramping), route health from the heartbeats' counters, and how much of each
 * trunk this instance is using.
 */
package io.codac.scheduler.fleet.domain;
