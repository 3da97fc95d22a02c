package io.codac.ingest;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The {@code codac.ingest.*} settings, validated when bound so that a gateway without an operator
 * credential, or with limits that make no sense, refuses to start.
 *
 * @param adminToken             the bearer token of the operator endpoints ({@code /admin/v1/...}); required
 * @param allowInsecureCallbacks accept {@code http} callback URLs on loopback and private addresses
 *                               (the local stack's development setting; off in production)
 * @param publishTimeout         how long a request waits for Kafka to acknowledge it before it is answered
 *                               {@code 503} (and kept unconfirmed: Kafka may have it); keep it above the
 *                               producer's {@code max.block.ms} so that a send that never left the producer
 *                               is reported as such before we stop waiting
 * @param retryAfter             the {@code Retry-After} we suggest when we could not make a request durable
 * @param maxBodyBytes           the largest request body we read; larger bodies are {@code 413}
 * @param missedCallEnabled      accept {@code MISSED_CALL} requests. Off by default: the inbound flow that
 *                               completes a missed-call verification (the shopper's call reaching a dial-in
 *                               number) does not exist yet, so such a request could only ever expire;
 *                               until it lands, {@code MISSED_CALL} is {@code 422 unsupported_method}
 */
@ConfigurationProperties("codac.ingest")
public record IngestProperties(
        String adminToken,
        @DefaultValue("false") boolean allowInsecureCallbacks,
        @DefaultValue("5s") Duration publishTimeout,
        @DefaultValue("5s") Duration retryAfter,
        @DefaultValue("16384") int maxBodyBytes,
        @DefaultValue("false") boolean missedCallEnabled) {

    public IngestProperties {
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException(
                    "codac.ingest.admin-token is required: the bearer token of the operator endpoints");
        }
        if (publishTimeout.isNegative() || publishTimeout.isZero()) {
            throw new IllegalArgumentException("codac.ingest.publish-timeout must be positive, was " + publishTimeout);
        }
        if (retryAfter.toSeconds() < 1) {
            throw new IllegalArgumentException("codac.ingest.retry-after must be at least 1s, was " + retryAfter);
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("codac.ingest.max-body-bytes must be at least 1024, was " + maxBodyBytes);
        }
    }
}
