package io.codac.contracts.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToCarrierMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.util.Locale;

/**
 * The destination operator of a number — half of a route's name (trunk × destination operator) for
 * the adapters' telemetry and reporting's carrier watch — from libphonenumber's carrier data: the
 * operator the number's range was allocated to (a ported number shows its original operator, which
 * the carrier's routing of the range usually follows too). {@link #UNKNOWN} when the data has no name.
 * Not cached: the lookup is an in-memory prefix search, and a per-number cache would grow with every
 * number dialed.
 */
public final class DestinationOperators {

    public static final String UNKNOWN = "unknown";

    private final PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();
    private final PhoneNumberToCarrierMapper carriers = PhoneNumberToCarrierMapper.getInstance();

    public String operatorOf(String e164) {
        if (e164 == null || e164.isBlank()) {
            return UNKNOWN;
        }
        try {
            String name = carriers.getNameForNumber(numbers.parse(e164, null), Locale.ENGLISH);
            return name == null || name.isBlank() ? UNKNOWN : name;
        } catch (NumberParseException e) {
            return UNKNOWN;
        }
    }
}
