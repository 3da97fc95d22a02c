/**
 * The Kafka adapters: listeners that decode requests, call events and telemetry and hand them to the use
 * cases, and the publishers of dial commands and results, which wait for the broker's acknowledgement.
 */
package io.codac.scheduler.messaging;
