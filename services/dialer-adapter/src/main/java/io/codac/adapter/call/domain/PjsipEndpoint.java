package io.codac.adapter.call.domain;

import io.codac.contracts.domain.PhoneNumberMask;
import io.codac.contracts.domain.Trunk;

import java.util.regex.Pattern;

/**
 * The endpoint Asterisk dials for one call, {@code PJSIP/<number>@<trunk>}. Asterisk reads a dial string
 * as a small language ({@code &} dials a second endpoint, {@code /} and {@code @} re-route, {@code ,}
 * adds options), so only an E.164 number ({@code +} then 7 to 15 digits) and a fleet trunk (its id is
 * checked by {@link Trunk}) ever go into one. The event codec already refuses other numbers; this is the
 * last check before the server, not the first.
 */
public record PjsipEndpoint(String number, Trunk trunk) {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    public PjsipEndpoint {
        if (!isDialable(number)) {
            throw new IllegalArgumentException("not an E.164 number, never dialed: " + PhoneNumberMask.mask(number));
        }
        if (trunk == null) {
            throw new IllegalArgumentException("no trunk to dial " + PhoneNumberMask.mask(number) + " on");
        }
    }

    /** Whether {@code number} may be dialed: E.164, nothing else. */
    public static boolean isDialable(String number) {
        return number != null && E164.matcher(number).matches();
    }

    /** The dial string, e.g. {@code PJSIP/+33612345678@srv1-airtel}. */
    public String dialString() {
        return "PJSIP/" + number + "@" + trunk.id();
    }
}
