/**
 * Fairness between clients in plain Java: verifications waiting for capacity, queued per client and served in
 * turn, so one client's burst cannot starve another's single order; bounded, with watermarks for back-pressure.
 */
package io.codac.scheduler.fairness.domain;
