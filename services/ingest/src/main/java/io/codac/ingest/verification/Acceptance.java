package io.codac.ingest.verification;

import io.codac.ingest.verification.domain.AcceptedVerification;

/** What became of a request: each outcome maps to one answer of the API. */
sealed interface Acceptance {

    /** Recorded and durably in Kafka: {@code 202}. */
    record Created(AcceptedVerification verification) implements Acceptance {
    }

    /** A retry with the same idempotency key and body: the original {@code 202}, no new verification. */
    record Replayed(AcceptedVerification verification) implements Acceptance {
    }

    /** The idempotency key was used for another body: {@code 409}. */
    record Conflict(String existingVerificationId) implements Acceptance {
    }

    /** Kafka did not acknowledge in time; the request was withdrawn: {@code 503}. */
    record NotDurable(String reason) implements Acceptance {
    }
}
