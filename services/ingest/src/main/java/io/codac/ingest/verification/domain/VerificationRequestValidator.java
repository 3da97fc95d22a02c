package io.codac.ingest.verification.domain;

import io.codac.contracts.domain.VerificationMethod;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a draft into a {@link VerificationRequest} or the first {@link Rejection}. Shape and bounds are
 * checked before the number, so a request with a wrong field is told about the field (400) before it
 * learns anything about the number (422).
 */
public final class VerificationRequestValidator {

    public static final int DEFAULT_TTL_SECONDS = 300;
    public static final int MIN_TTL_SECONDS = 30;
    public static final int MAX_TTL_SECONDS = 86_400;
    public static final int MAX_CLIENT_REF_LENGTH = 255;
    public static final int MAX_METADATA_ENTRIES = 20;
    public static final int MAX_METADATA_KEY_LENGTH = 64;
    public static final int MAX_METADATA_VALUE_LENGTH = 512;

    private final PhoneNumberCheck phoneNumbers;
    private final CallbackUrlPolicy callbackUrls;
    private final DialInNumbers dialInNumbers;
    private final boolean missedCallsOffered;

    /**
     * @param missedCallsOffered whether {@code MISSED_CALL} is offered at all (it also needs dial-in numbers)
     */
    public VerificationRequestValidator(PhoneNumberCheck phoneNumbers, CallbackUrlPolicy callbackUrls,
                                        DialInNumbers dialInNumbers, boolean missedCallsOffered) {
        this.phoneNumbers = phoneNumbers;
        this.callbackUrls = callbackUrls;
        this.dialInNumbers = dialInNumbers;
        this.missedCallsOffered = missedCallsOffered;
    }

    public Validation validate(VerificationDraft draft) {
        Optional<Rejection> shape = shapeViolation(draft);
        if (shape.isPresent()) {
            return new Validation.Invalid(shape.get());
        }
        VerificationMethod method = draft.method() == null ? VerificationMethod.FLASH_CALL
                : VerificationMethod.valueOf(draft.method());
        return switch (phoneNumbers.check(draft.phoneNumber(), draft.defaultRegion())) {
            case PhoneNumberCheck.Invalid invalid -> new Validation.Invalid(
                    new Rejection(Rejection.Reason.INVALID_PHONE_NUMBER, "phoneNumber", invalid.detail()));
            case PhoneNumberCheck.UnsupportedType unsupported -> new Validation.Invalid(
                    new Rejection(Rejection.Reason.UNSUPPORTED_NUMBER_TYPE, "phoneNumber",
                            "phoneNumber is a " + describe(unsupported.type())
                                    + " number; only mobile numbers can be verified"));
            case PhoneNumberCheck.Valid valid -> withMethod(draft, method, valid);
        };
    }

    private Validation withMethod(VerificationDraft draft, VerificationMethod method, PhoneNumberCheck.Valid number) {
        String dialIn = null;
        if (method == VerificationMethod.MISSED_CALL) {
            if (!missedCallsOffered) {
                return new Validation.Invalid(new Rejection(Rejection.Reason.UNSUPPORTED_METHOD, "method",
                        "MISSED_CALL is not offered by this deployment; use FLASH_CALL"));
            }
            Optional<String> did = dialInNumbers.choose(number.e164(), number.countryCode());
            if (did.isEmpty()) {
                return new Validation.Invalid(new Rejection(Rejection.Reason.UNSUPPORTED_METHOD, "method",
                        "MISSED_CALL is not offered: this deployment has no dial-in numbers"));
            }
            dialIn = did.get();
        }
        int ttl = draft.ttlSeconds() == null ? DEFAULT_TTL_SECONDS : draft.ttlSeconds();
        return new Validation.Valid(new VerificationRequest(number.e164(), method, draft.clientRef(),
                draft.callbackUrl(), Duration.ofSeconds(ttl), draft.metadata(), dialIn));
    }

    private Optional<Rejection> shapeViolation(VerificationDraft draft) {
        if (draft.phoneNumber() == null) {
            return Optional.of(Rejection.malformed("phoneNumber", "phoneNumber is required"));
        }
        if (draft.defaultRegion() != null && !phoneNumbers.isKnownRegion(draft.defaultRegion())) {
            return Optional.of(Rejection.malformed("defaultRegion",
                    "defaultRegion must be an ISO 3166-1 alpha-2 region such as IN or US, was '"
                            + abbreviate(draft.defaultRegion()) + "'"));
        }
        if (draft.method() != null && Arrays.stream(VerificationMethod.values()).noneMatch(m -> m.name().equals(draft.method()))) {
            return Optional.of(Rejection.malformed("method", "method must be FLASH_CALL or MISSED_CALL, was '"
                    + abbreviate(draft.method()) + "'"));
        }
        if (draft.ttlSeconds() != null
                && (draft.ttlSeconds() < MIN_TTL_SECONDS || draft.ttlSeconds() > MAX_TTL_SECONDS)) {
            return Optional.of(Rejection.malformed("ttlSeconds", "ttlSeconds must be between " + MIN_TTL_SECONDS
                    + " and " + MAX_TTL_SECONDS + ", was " + draft.ttlSeconds()));
        }
        if (draft.clientRef() != null && draft.clientRef().length() > MAX_CLIENT_REF_LENGTH) {
            return Optional.of(Rejection.malformed("clientRef",
                    "clientRef must be at most " + MAX_CLIENT_REF_LENGTH + " characters"));
        }
        if (draft.callbackUrl() != null) {
            Optional<String> violation = callbackUrls.violation(draft.callbackUrl());
            if (violation.isPresent()) {
                return Optional.of(Rejection.malformed("callbackUrl", violation.get()));
            }
        }
        return metadataViolation(draft.metadata());
    }

    private static Optional<Rejection> metadataViolation(Map<String, String> metadata) {
        if (metadata == null) {
            return Optional.empty();
        }
        if (metadata.size() > MAX_METADATA_ENTRIES) {
            return Optional.of(Rejection.tooLarge("metadata",
                    "metadata holds at most " + MAX_METADATA_ENTRIES + " entries, got " + metadata.size()));
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            if (entry.getKey().isEmpty() || entry.getKey().length() > MAX_METADATA_KEY_LENGTH) {
                return Optional.of(Rejection.tooLarge("metadata", "metadata keys must be 1 to "
                        + MAX_METADATA_KEY_LENGTH + " characters"));
            }
            if (entry.getValue().length() > MAX_METADATA_VALUE_LENGTH) {
                return Optional.of(Rejection.tooLarge("metadata." + entry.getKey(),
                        "metadata values must be at most " + MAX_METADATA_VALUE_LENGTH + " characters"));
            }
        }
        return Optional.empty();
    }

    private static String describe(String libphonenumberType) {
        return libphonenumberType.toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }

    /** Echo a bad value back, but never a whole essay. */
    private static String abbreviate(String value) {
        return value.length() <= 32 ? value : value.substring(0, 32) + "...";
    }
}
