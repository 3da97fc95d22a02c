package io.codac.ingest.verification.domain;

import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.event.VerificationRequested;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Ingest's own record of a request it accepted: what the client asked, when it expires, for idempotent
 * retries the key and a hash of the body it came with, and whether Kafka is known to have it
 * ({@link PublishState}). A request Kafka provably never received is withdrawn; one whose publish
 * ended ambiguously stays, {@link PublishState#UNCONFIRMED}. It holds all the event is made of, so the
 * very same event can be published again from it, with or without the client's retry.
 */
public record AcceptedVerification(
        String verificationId,
        String clientId,
        String phoneNumber,
        VerificationMethod method,
        String clientRef,
        String callbackUrl,
        String idempotencyKey,
        String requestHash,
        Instant createdAt,
        Instant expiresAt,
        String dialInNumber,
        Map<String, String> metadata,
        PublishState publishState) {

    public AcceptedVerification {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** What a request that reuses this record's idempotency key is answered. */
    public enum Retry {
        /** Another body under the same key: {@code 409}. */
        CONFLICT,
        /** Kafka has the original: answer its {@code 202} again. */
        REPLAY,
        /** The original request is still publishing it: {@code 503}, come back later. */
        IN_FLIGHT,
        /** The original publish ended without an acknowledgement (or was abandoned): publish the same verification again. */
        REPUBLISH
    }

    /** A new record, not yet published. */
    public static AcceptedVerification of(String verificationId, String clientId, VerificationRequest request,
                                          String idempotencyKey, String requestHash, Instant now) {
        return new AcceptedVerification(verificationId, clientId, request.phoneNumber(), request.method(),
                request.clientRef(), request.callbackUrl(), idempotencyKey, requestHash, now,
                now.plus(request.ttl()), request.dialInNumber(), request.metadata(), PublishState.PUBLISHING);
    }

    /** An idempotent retry must carry the very body of the original request. */
    public boolean isSameRequestAs(String otherRequestHash) {
        return requestHash.equals(otherRequestHash);
    }

    /**
     * Decides a retry under this record's key. A {@link PublishState#PUBLISHING} record belongs to the
     * request that created it for {@code inFlightFor} after its creation (that request's publish is
     * bounded well within it); after that its gateway is presumed dead and a retry takes over.
     */
    public Retry retriedWith(String otherRequestHash, Instant now, Duration inFlightFor) {
        if (!isSameRequestAs(otherRequestHash)) {
            return Retry.CONFLICT;
        }
        return switch (publishState) {
            case PUBLISHED -> Retry.REPLAY;
            case UNCONFIRMED -> Retry.REPUBLISH;
            case PUBLISHING -> now.isBefore(createdAt.plus(inFlightFor)) ? Retry.IN_FLIGHT : Retry.REPUBLISH;
        };
    }

    /**
     * The event announcing this verification. Every publication of one verification carries the same
     * event id (derived from the verification id), so a republished request is the same event twice,
     * which consumers deduplicate.
     */
    public VerificationRequested requestedEvent() {
        String eventId = UUID.nameUUIDFromBytes(("verification.requested:" + verificationId)
                .getBytes(StandardCharsets.UTF_8)).toString();
        return new VerificationRequested(eventId, createdAt, verificationId, clientId, phoneNumber, method,
                clientRef, callbackUrl, expiresAt, dialInNumber, metadata);
    }
}
