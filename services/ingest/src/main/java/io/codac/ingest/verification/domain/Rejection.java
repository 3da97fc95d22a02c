package io.codac.ingest.verification.domain;

/**
 * Why a request cannot be accepted, precise enough for a developer to fix it: the reason (which the web
 * layer maps to a status and a problem code), the request field at fault (or {@code null}) and a message.
 */
public record Rejection(Reason reason, String field, String detail) {

    public enum Reason {
        /** wrong type, missing field, value out of bounds */
        MALFORMED_REQUEST,
        /** body, metadata or a field larger than we keep */
        PAYLOAD_TOO_LARGE,
        /** not a phone number libphonenumber can parse and validate */
        INVALID_PHONE_NUMBER,
        /** a real number, but not one we verify (landline, premium, ...) */
        UNSUPPORTED_NUMBER_TYPE,
        /** a method this gateway does not offer (missed calls not enabled, or no dial-in numbers for them) */
        UNSUPPORTED_METHOD
    }

    public static Rejection malformed(String field, String detail) {
        return new Rejection(Reason.MALFORMED_REQUEST, field, detail);
    }

    public static Rejection tooLarge(String field, String detail) {
        return new Rejection(Reason.PAYLOAD_TOO_LARGE, field, detail);
    }
}
