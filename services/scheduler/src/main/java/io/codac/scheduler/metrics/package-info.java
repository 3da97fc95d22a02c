/** The metrics adapter: the scheduler's counters and gauges in Micrometer, scraped at {@code /actuator/prometheus}. */
package io.codac.scheduler.metrics;
