package io.codac.ingest.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class RandomTokensTest {

    @Test
    void base32MatchesRfc4648TestVectorsInLowerCaseWithoutPadding() {
        assertThat(RandomTokens.base32("".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(RandomTokens.base32("f".getBytes(StandardCharsets.US_ASCII))).isEqualTo("my");
        assertThat(RandomTokens.base32("fo".getBytes(StandardCharsets.US_ASCII))).isEqualTo("mzxq");
        assertThat(RandomTokens.base32("foobar".getBytes(StandardCharsets.US_ASCII))).isEqualTo("mzxw6ytboi");
    }

    @Test
    void aTokenIsItsPrefixAndEightBitsPerRandomByte() {
        String token = new RandomTokens(new Random(1)).next("ver_", 16);

        assertThat(token).matches("ver_[a-z2-7]{26}"); // 128 bits in 26 base32 characters
    }

    @Test
    void secureTokensDoNotRepeat() {
        RandomTokens tokens = RandomTokens.secure();
        var seen = new HashSet<String>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(tokens.next("x_", 10))).isTrue();
        }
    }

    @Test
    void sha256IsLowerCaseHex() {
        assertThat(Sha256.hex("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
