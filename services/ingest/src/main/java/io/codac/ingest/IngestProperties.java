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
 * @param missedCallEnabled      offer {@code MISSED_CALL} (on by default, wherever the fleet has dial-in
 *                               numbers); off, it is {@code 422 unsupported_method}
 * @param maxBatchBytes          the largest body of {@code POST /v1/verifications/batch}; larger is {@code 413}
 * @param rateLimit              the default request rate of a client whose own limit is not set
 * @param numberGuard            how often one phone number may be requested, whoever asks
 * @param breaker                when to stop waiting on a Kafka that does not answer
 * @param keyOverlap             how long the previous API keys stay valid after a rotation, by default
 * @param idempotencyRetention   how long accepted requests (the idempotency records) are kept; at least 24 h
 * @param unresolved             when to publish again, without waiting for the client, a request whose publish
 *                               ended without an acknowledgement
 * @param statementBatching      how the statements that every request runs (API-key lookup, insert, confirm) are
 *                               shared between concurrent requests
 */
@ConfigurationProperties("codac.ingest")
public record IngestProperties(
        String adminToken,
        @DefaultValue("false") boolean allowInsecureCallbacks,
        @DefaultValue("5s") Duration publishTimeout,
        @DefaultValue("5s") Duration retryAfter,
        @DefaultValue("16384") int maxBodyBytes,
        @DefaultValue("true") boolean missedCallEnabled,
        @DefaultValue("4194304") int maxBatchBytes,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue NumberGuard numberGuard,
        @DefaultValue Breaker breaker,
        @DefaultValue("24h") Duration keyOverlap,
        @DefaultValue("48h") Duration idempotencyRetention,
        @DefaultValue Unresolved unresolved,
        @DefaultValue StatementBatching statementBatching) {

    /**
     * Concurrent requests share the statements every request runs: while {@code maxInFlight} statements of a kind
     * (API-key lookup, insert, confirm) are running, the next requests' wait and then leave together as one statement
     * of at most {@code maxBatchSize} rows. A lone request never waits; each request is answered only once its own
     * statement has completed.
     */
    public record StatementBatching(@DefaultValue("100") int maxBatchSize, @DefaultValue("2") int maxInFlight) {
        public StatementBatching {
            if (maxBatchSize < 1 || maxInFlight < 1) {
                throw new IllegalArgumentException(
                        "codac.ingest.statement-batching.max-batch-size and max-in-flight must be positive");
            }
        }
    }

    /**
     * Requests left {@code UNCONFIRMED} (or abandoned {@code PUBLISHING}) are published again once {@code after}
     * old, looked for every {@code every}. {@code after} must leave a live request its own publish (twice the
     * publish timeout), and gives a client that retries with its key the first chance.
     */
    public record Unresolved(@DefaultValue("30s") Duration after, @DefaultValue("5s") Duration every) {
        public Unresolved {
            if (after.isNegative() || every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("codac.ingest.unresolved.after/every must be positive");
            }
        }
    }

    /**
     * A token bucket: {@code requestsPerSecond} on average, bursts of up to {@code burst} requests.
     * (A batch costs one token per item.)
     */
    public record RateLimit(@DefaultValue("50") int requestsPerSecond, @DefaultValue("100") int burst) {
        public RateLimit {
            if (requestsPerSecond < 1 || burst < 1) {
                throw new IllegalArgumentException("codac.ingest.rate-limit values must be positive");
            }
        }
    }

    /** At most {@code perHour} requests for one phone number in an hour, from all clients together. */
    public record NumberGuard(@DefaultValue("5") int perHour) {
        public NumberGuard {
            if (perHour < 1) {
                throw new IllegalArgumentException("codac.ingest.number-guard.per-hour must be positive");
            }
        }
    }

    /**
     * The circuit breaker around the Kafka publish: it opens when {@code failureRatePercent} of the last
     * {@code window} publishes (at least {@code minimumCalls}) failed, refuses at once while
     * {@code openFor} lasts, then lets a few publishes probe the broker.
     */
    public record Breaker(@DefaultValue("50") int failureRatePercent, @DefaultValue("20") int window,
                          @DefaultValue("5") int minimumCalls, @DefaultValue("5s") Duration openFor) {
        public Breaker {
            if (failureRatePercent < 1 || failureRatePercent > 100 || window < 1 || minimumCalls < 1) {
                throw new IllegalArgumentException("codac.ingest.breaker: rate 1..100, window and minimum-calls >= 1");
            }
        }
    }

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
        if (idempotencyRetention.compareTo(Duration.ofHours(24)) < 0) {
            throw new IllegalArgumentException(
                    "codac.ingest.idempotency-retention must be at least 24h, was " + idempotencyRetention);
        }
        if (unresolved.after().compareTo(publishTimeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("codac.ingest.unresolved.after must be at least twice the publish"
                    + " timeout (" + publishTimeout.multipliedBy(2) + "): a request still publishing is not unresolved");
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("codac.ingest.max-body-bytes must be at least 1024, was " + maxBodyBytes);
        }
    }
}
