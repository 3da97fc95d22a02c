package io.codac.sim.population;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.PhoneNumberToCarrierMapper;
import io.codac.sim.domain.OperatorDirectory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A deterministic, endless sequence of distinct, valid Indian mobile numbers in E.164 ({@code +91} and ten
 * digits starting 6-9), drawn from a seeded generator and kept only when libphonenumber calls them valid
 * mobile numbers: exactly what ingest will accept. Thread-safe.
 */
public final class IndianMobileNumbers {

    private static final PhoneNumberUtil PHONE = PhoneNumberUtil.getInstance();
    private static final PhoneNumberToCarrierMapper CARRIERS = PhoneNumberToCarrierMapper.getInstance();

    private final SplittableRandom random;
    private final List<String> drawn = new ArrayList<>();
    private final java.util.Set<String> seen = new java.util.HashSet<>();

    public IndianMobileNumbers(long seed) {
        this.random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    /** The {@code index}-th number of the sequence (0-based); the same index always gives the same number. */
    public synchronized String get(int index) {
        while (drawn.size() <= index) {
            String candidate = candidate();
            if (seen.add(candidate) && isValidMobile(candidate)) {
                drawn.add(candidate);
            }
        }
        return drawn.get(index);
    }

    public static boolean isValidMobile(String e164) {
        try {
            PhoneNumber number = PHONE.parse(e164, "IN");
            PhoneNumberType type = PHONE.getNumberType(number);
            return PHONE.isValidNumber(number)
                    && (type == PhoneNumberType.MOBILE || type == PhoneNumberType.FIXED_LINE_OR_MOBILE);
        } catch (NumberParseException e) {
            return false;
        }
    }

    /** The destination operators of the network, from libphonenumber's carrier data for India. */
    public static OperatorDirectory operators() {
        return IndianMobileNumbers::operatorOf;
    }

    /** The operator that holds the number's series (libphonenumber's carrier data), or empty when unknown. */
    public static String operatorOf(String e164) {
        try {
            return CARRIERS.getNameForNumber(PHONE.parse(e164, "IN"), Locale.ENGLISH);
        } catch (NumberParseException e) {
            return "";
        }
    }

    private String candidate() {
        var digits = new StringBuilder("+91");
        digits.append(6 + random.nextInt(4));
        for (int i = 0; i < 9; i++) {
            digits.append(random.nextInt(10));
        }
        return digits.toString();
    }
}
