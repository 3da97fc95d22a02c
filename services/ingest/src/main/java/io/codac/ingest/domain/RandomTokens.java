package io.codac.ingest.domain;

import java.security.SecureRandom;
import java.util.Random;

/**
 * Unguessable identifiers and secrets: a prefix that says what the token is ({@code ver_}, {@code codac_})
 * and random bytes written in lower-case base32, so tokens are safe in URLs, headers and shells and can
 * be selected with a double click.
 */
public final class RandomTokens {

    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final Random random;

    /** Production: a {@link SecureRandom}; tests may pass a seeded one to get repeatable tokens. */
    public RandomTokens(Random random) {
        this.random = random;
    }

    public static RandomTokens secure() {
        return new RandomTokens(new SecureRandom());
    }

    /** {@code prefix} followed by {@code bytes} random bytes in base32 (8 bits of entropy per byte). */
    public String next(String prefix, int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return prefix + base32(raw);
    }

    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
