package io.codac.ingest.verification.domain;

/** The verdict on a draft: a request we can accept, or the first reason we cannot. */
public sealed interface Validation {

    record Valid(VerificationRequest request) implements Validation {
    }

    record Invalid(Rejection rejection) implements Validation {
    }
}
