package io.codac.ingest.client.domain;

import io.codac.ingest.domain.Sha256;

/**
 * API keys are {@code codac_} followed by 40 base32 characters (200 random bits). We store only the
 * SHA-256 of the whole key: a leaked database does not leak working keys, and because the key is
 * high-entropy a plain (unsalted) hash is enough and can be looked up by an index. A short prefix is
 * kept in clear so operators can tell keys apart.
 */
public final class ApiKeys {

    public static final String PREFIX = "codac_";
    /** 25 bytes = 200 bits, written as exactly 40 base32 characters. */
    static final int RANDOM_BYTES = 25;
    private static final int DISPLAY_PREFIX_LENGTH = PREFIX.length() + 6;
    private static final int MAX_LENGTH = 200;

    private ApiKeys() {
    }

    /** The stored form of a key: lower-case hex SHA-256 of the full key. */
    public static String hash(String apiKey) {
        return Sha256.hex(apiKey);
    }

    /** What operators see of a key, e.g. {@code codac_k3j9xa}. */
    public static String displayPrefix(String apiKey) {
        return apiKey.substring(0, Math.min(DISPLAY_PREFIX_LENGTH, apiKey.length()));
    }

    /**
     * Cheap shape check before touching the database: a bearer token that cannot be one of our keys is
     * refused without a lookup. (Bounded length keeps the hash cheap too.)
     */
    public static boolean looksLikeKey(String candidate) {
        return candidate != null && candidate.length() > PREFIX.length() && candidate.length() <= MAX_LENGTH
                && candidate.startsWith(PREFIX);
    }
}
