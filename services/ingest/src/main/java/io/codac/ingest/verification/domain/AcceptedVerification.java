package io.codac.ingest.verification.domain;

import io.codac.contracts.domain.VerificationMethod;
import io.codac.contracts.event.VerificationRequested;

import java.time.Instant;
import java.util.Map;

/**
 * Ingest's own record of a request it accepted: what the client asked, when it expires, and, for
 * idempotent retries, the key and a hash of the body it came with. It exists only for requests Kafka
 * has (or is about to have) durably: a request Kafka refuses is withdrawn.
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
        String dialInNumber) {

    public static AcceptedVerification of(String verificationId, String clientId, VerificationRequest request,
                                          String idempotencyKey, String requestHash, Instant now) {
        return new AcceptedVerification(verificationId, clientId, request.phoneNumber(), request.method(),
                request.clientRef(), request.callbackUrl(), idempotencyKey, requestHash, now,
                now.plus(request.ttl()), request.dialInNumber());
    }

    /** An idempotent retry must carry the very body of the original request. */
    public boolean isSameRequestAs(String otherRequestHash) {
        return requestHash.equals(otherRequestHash);
    }

    public VerificationRequested requestedEvent(String eventId, Map<String, String> metadata) {
        return new VerificationRequested(eventId, createdAt, verificationId, clientId, phoneNumber, method,
                clientRef, callbackUrl, expiresAt, dialInNumber, metadata);
    }
}
