package io.codac.contracts.domain;

/**
 * Phone numbers are personal data: logs carry them masked, keeping the country prefix and the
 * last two digits so an operator can still tell two numbers apart in one incident.
 */
public final class PhoneNumberMask {

    private PhoneNumberMask() {
    }

    public static String mask(String number) {
        if (number == null || number.isEmpty()) {
            return "<none>";
        }
        int keepHead = Math.min(number.startsWith("+") ? 3 : 0, number.length());
        int keepTail = Math.min(2, Math.max(0, number.length() - keepHead));
        StringBuilder masked = new StringBuilder(number.length());
        masked.append(number, 0, keepHead);
        masked.append("*".repeat(number.length() - keepHead - keepTail));
        masked.append(number, number.length() - keepTail, number.length());
        return masked.toString();
    }
}
