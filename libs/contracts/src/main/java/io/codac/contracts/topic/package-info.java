/** The one registry of Kafka topic names, with an optional namespace that isolates tests from each other. */
package io.codac.contracts.topic;
