/**
 * The carrier watch: ended calls from {@code codac.call.events.v1} (its own consumer group) counted per
 * route (trunk × destination operator, from libphonenumber's carrier data), judged by
 * {@link io.codac.reporting.route.domain.RouteMonitor}; each degradation and recovery is written to
 * {@code route_alerts}, published on {@code codac.fleet.route-alerts.v1}, exported as metrics and served
 * under {@code /internal/v1/routes}.
 */
package io.codac.reporting.route;
