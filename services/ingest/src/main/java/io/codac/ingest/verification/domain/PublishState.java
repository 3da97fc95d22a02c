package io.codac.ingest.verification.domain;

/**
 * Whether Kafka is known to have an accepted request. Only {@link #PUBLISHED} is ever answered
 * {@code 202}; the other two are kept so that a retry with the same {@code Idempotency-Key} finishes
 * the same verification instead of starting a second one.
 */
public enum PublishState {
    /** Recorded; the request that recorded it is publishing it now (or died while doing so). */
    PUBLISHING,
    /**
     * The publish ended without an acknowledgement, in a way that leaves open whether the broker
     * appended the record (it may be dialed). A retry with the same key publishes it again.
     */
    UNCONFIRMED,
    /** The broker acknowledged the record. */
    PUBLISHED
}
