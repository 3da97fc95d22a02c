package io.codac.ingest.client.domain;

import io.codac.ingest.domain.RandomTokens;
import io.codac.ingest.domain.Sha256;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialIssuerTest {

    private final CredentialIssuer issuer = new CredentialIssuer(RandomTokens.secure(),
            Clock.fixed(Instant.parse("2026-11-22T10:00:00.123456Z"), ZoneOffset.UTC));

    @Test
    void anApiKeyIsPrefixedAndCarriesAtLeast160RandomBits() {
        NewClient client = issuer.issue("Acme Shop");

        assertThat(client.apiKey()).matches("codac_[a-z2-7]{40}"); // 40 base32 characters = 200 bits
        assertThat(client.webhookSecret()).matches("whsec_[a-z2-7]{52}");
        assertThat(client.clientId()).matches("cli_[a-z2-7]{16}");
    }

    @Test
    void theKeyIsStoredOnlyAsTheHexSha256OfTheWholeKeyWithADisplayPrefix() {
        NewClient client = issuer.issue("Acme Shop");

        assertThat(client.keyHash()).isEqualTo(Sha256.hex(client.apiKey())).hasSize(64);
        assertThat(client.keyPrefix()).isEqualTo(client.apiKey().substring(0, 12)).startsWith("codac_");
        assertThat(ApiKeys.hash(client.apiKey())).isEqualTo(client.keyHash());
    }

    @Test
    void twoClientsNeverShareAKeyOrASecret() {
        NewClient first = issuer.issue("one");
        NewClient second = issuer.issue("two");

        assertThat(first.apiKey()).isNotEqualTo(second.apiKey());
        assertThat(first.webhookSecret()).isNotEqualTo(second.webhookSecret());
        assertThat(first.clientId()).isNotEqualTo(second.clientId());
    }

    @Test
    void creationTimeIsKeptToTheMillisecondTheDatabaseStores() {
        assertThat(issuer.issue("x").createdAt()).isEqualTo(Instant.parse("2026-11-22T10:00:00.123Z"));
    }

    @Test
    void printingANewClientRevealsNoSecret() {
        NewClient client = issuer.issue("Acme");

        assertThat(client.toString()).doesNotContain(client.apiKey()).doesNotContain(client.webhookSecret());
    }

    @Test
    void namesMustBePrintableAndShort() {
        assertThat(CredentialIssuer.nameViolation("Acme")).isEmpty();
        assertThat(CredentialIssuer.nameViolation(" ")).contains("name is required");
        assertThat(CredentialIssuer.nameViolation(null)).contains("name is required");
        assertThat(CredentialIssuer.nameViolation("a".repeat(101))).isPresent();
        assertThat(CredentialIssuer.nameViolation("bad\nname")).isPresent();
        assertThatThrownBy(() -> issuer.issue("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onlyTokensShapedLikeOurKeysAreLookedUp() {
        assertThat(ApiKeys.looksLikeKey(issuer.issue("x").apiKey())).isTrue();
        assertThat(ApiKeys.looksLikeKey("codac_")).isFalse();
        assertThat(ApiKeys.looksLikeKey("sk_live_123")).isFalse();
        assertThat(ApiKeys.looksLikeKey("codac_" + "a".repeat(500))).isFalse();
        assertThat(ApiKeys.looksLikeKey(null)).isFalse();
    }
}
