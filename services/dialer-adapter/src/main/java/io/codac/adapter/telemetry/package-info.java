/** The adapter's heartbeat on the fleet-telemetry topic: the server's state and every trunk's use and limits. */
package io.codac.adapter.telemetry;
