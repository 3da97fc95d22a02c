package io.codac.ingest.verification;

import io.codac.ingest.verification.domain.AcceptedVerification;

/** What became of a request: each outcome maps to one answer of the API. */
sealed interface Acceptance {

    /** Recorded and durably in Kafka: {@code 202}. */
    record Created(AcceptedVerification verification) implements Acceptance {
    }

    /**
     * A retry with the same idempotency key and body of a request Kafka has (now): the original
     * {@code 202}, no new verification.
     */
    record Replayed(AcceptedVerification verification) implements Acceptance {
    }

    /** The idempotency key was used for another body: {@code 409}. */
    record Conflict(String existingVerificationId) implements Acceptance {
    }

    /** Kafka never received the request; it was withdrawn (or never recorded): {@code 503}. */
    record NotDurable(String reason) implements Acceptance {
    }

    /**
     * Kafka did not acknowledge the request but may have it: kept, {@code 503}. A retry with the same
     * idempotency key completes this verification instead of starting another.
     */
    record Unconfirmed(String verificationId) implements Acceptance {
    }

    /** A retry arrived while the original request is still publishing: {@code 503}, retry later. */
    record InFlight(String verificationId) implements Acceptance {
    }
}
