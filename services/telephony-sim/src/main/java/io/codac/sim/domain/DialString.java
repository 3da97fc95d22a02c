package io.codac.sim.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/** An ARI originate endpoint, {@code PJSIP/<number>@<trunk>}: which number to call over which trunk. */
public record DialString(String number, String trunk) {

    private static final Pattern FORMAT = Pattern.compile("PJSIP/(\\+?[0-9]{3,20})@([A-Za-z0-9][A-Za-z0-9_.-]*)");

    public static Optional<DialString> parse(String endpoint) {
        if (endpoint == null) {
            return Optional.empty();
        }
        var m = FORMAT.matcher(endpoint.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new DialString(Population.canonical(m.group(1)), m.group(2)));
    }

    /** The part after the technology, as Asterisk reports it in {@code Dial} events. */
    public String dialString() {
        return number + "@" + trunk;
    }
}
