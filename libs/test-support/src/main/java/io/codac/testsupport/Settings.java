package io.codac.testsupport;

import java.util.Locale;

/** Reads a setting from a system property, else the matching environment variable (dots become underscores). */
final class Settings {

    private Settings() {
    }

    static String get(String property, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT));
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    static String required(String property) {
        String value = get(property, null);
        if (value == null) {
            throw new IllegalStateException("external infrastructure needs the setting " + property + " (system property) or "
                    + property.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT) + " (environment)");
        }
        return value;
    }
}
