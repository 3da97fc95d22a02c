package io.codac.ingest.verification.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Normalizes a number to E.164 and decides whether we verify it, with libphonenumber's metadata. Only
 * numbers that can ring a handset are accepted by default: a flash call to a landline proves little and
 * a call to a premium-rate number costs money.
 */
public final class PhoneNumberCheck {

    /** Types a flash call can verify. Some countries (US, CA, ...) cannot tell mobile from fixed line. */
    public static final Set<PhoneNumberType> MOBILE_TYPES =
            EnumSet.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE);
    private static final int MAX_INPUT_LENGTH = 64;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final Set<PhoneNumberType> acceptedTypes;

    public PhoneNumberCheck() {
        this(MOBILE_TYPES);
    }

    public PhoneNumberCheck(Set<PhoneNumberType> acceptedTypes) {
        this.acceptedTypes = EnumSet.copyOf(acceptedTypes);
    }

    public sealed interface Result permits Valid, Invalid, UnsupportedType {
    }

    /** An accepted number, normalized. */
    public record Valid(String e164, int countryCode) implements Result {
    }

    public record Invalid(String detail) implements Result {
    }

    /** A valid number of a type we do not verify; {@code type} is libphonenumber's name for it. */
    public record UnsupportedType(String e164, String type) implements Result {
    }

    /** Whether {@code region} is an ISO 3166 region libphonenumber knows (case-insensitive). */
    public boolean isKnownRegion(String region) {
        return region != null && util.getSupportedRegions().contains(region.toUpperCase(Locale.ROOT));
    }

    /**
     * @param raw           what the client typed: E.164 ({@code +91...}), or a national form when
     *                      {@code defaultRegion} is given
     * @param defaultRegion ISO 3166 region for national numbers, or {@code null}
     */
    public Result check(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            return new Invalid("phoneNumber is empty");
        }
        if (raw.length() > MAX_INPUT_LENGTH) {
            return new Invalid("phoneNumber is longer than " + MAX_INPUT_LENGTH + " characters");
        }
        String region = defaultRegion == null ? null : defaultRegion.toUpperCase(Locale.ROOT);
        PhoneNumber number;
        try {
            number = util.parse(raw, region);
        } catch (NumberParseException e) {
            return new Invalid(parseFailure(e, region));
        }
        if (!util.isValidNumber(number)) {
            return new Invalid("phoneNumber is not a valid number"
                    + (region == null ? "" : " (read with defaultRegion " + region + ")"));
        }
        String e164 = util.format(number, PhoneNumberFormat.E164);
        PhoneNumberType type = util.getNumberType(number);
        if (!acceptedTypes.contains(type)) {
            return new UnsupportedType(e164, type.name());
        }
        return new Valid(e164, number.getCountryCode());
    }

    /** The country calling code of an E.164 number we already trust (a DID of our own fleet). */
    public int countryCodeOf(String e164) {
        try {
            return util.parse(e164, null).getCountryCode();
        } catch (NumberParseException e) {
            throw new IllegalArgumentException("not an E.164 number", e);
        }
    }

    private static String parseFailure(NumberParseException e, String region) {
        return switch (e.getErrorType()) {
            case INVALID_COUNTRY_CODE -> region == null
                    ? "phoneNumber is not in E.164 form (+<country code><number>); send defaultRegion for national numbers"
                    : "phoneNumber has an unknown country code";
            case NOT_A_NUMBER -> "phoneNumber is not a phone number";
            case TOO_SHORT_AFTER_IDD, TOO_SHORT_NSN -> "phoneNumber is too short";
            case TOO_LONG -> "phoneNumber is too long";
        };
    }
}
