package io.codac.sim.domain;

/** A caller id as Asterisk keeps it: a display name and a number, either possibly empty. */
public record CallerId(String name, String number) {

    public static final CallerId EMPTY = new CallerId("", "");

    public CallerId {
        name = name == null ? "" : name;
        number = number == null ? "" : number;
    }

    /** Parses Asterisk's caller id syntax: {@code "Name" <number>}, {@code Name <number>} or a bare number. */
    public static CallerId parse(String text) {
        if (text == null || text.isBlank()) {
            return EMPTY;
        }
        String t = text.trim();
        int lt = t.lastIndexOf('<');
        int gt = t.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            String name = t.substring(0, lt).trim();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1);
            }
            return new CallerId(name, t.substring(lt + 1, gt).trim());
        }
        return new CallerId("", t);
    }
}
