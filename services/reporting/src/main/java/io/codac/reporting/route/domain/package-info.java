/**
 * The carrier watch, in plain Java: a route is a trunk × the destination's operator; its connection
 * rate over a short sliding window is compared with its own longer baseline, and a degradation raises
 * an alert that a recovery clears, with hysteresis. Time is the events' own time, so the rules run the
 * same on live traffic, on a replay and on a simulated clock.
 */
package io.codac.reporting.route.domain;
