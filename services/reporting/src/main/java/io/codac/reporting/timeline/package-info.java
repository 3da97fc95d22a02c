/**
 * The verification timeline: requests, call events and results from Kafka projected into
 * {@code verification_timeline} and {@code call_legs}, the tables ingest reads to answer {@code GET}.
 * Listeners decode and check records, the projector orders the writes, the repository holds the SQL.
 */
package io.codac.reporting.timeline;
