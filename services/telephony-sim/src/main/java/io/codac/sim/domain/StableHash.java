package io.codac.sim.domain;

import java.nio.charset.StandardCharsets;

/**
 * A 64-bit hash that is the same in every JVM and on every run (FNV-1a, then the SplitMix64 finalizer to
 * spread the bits), so that a number's fate and a call's timing depend only on the seed and the inputs.
 */
final class StableHash {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private StableHash() {
    }

    static long of(long seed, String... parts) {
        long hash = FNV_OFFSET ^ mix(seed);
        for (String part : parts) {
            for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
                hash ^= b & 0xff;
                hash *= FNV_PRIME;
            }
            hash ^= 0xff; // separator, so ("ab","c") and ("a","bc") differ
            hash *= FNV_PRIME;
        }
        return mix(hash);
    }

    /** A uniform double in [0, 1) from a hash. */
    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
