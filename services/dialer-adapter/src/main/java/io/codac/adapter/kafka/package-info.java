/**
 * Kafka at the adapter's edges: the dial-command consumer, manually assigned to this server's trunks'
 * partitions only, and the call-event sink.
 */
package io.codac.adapter.kafka;
