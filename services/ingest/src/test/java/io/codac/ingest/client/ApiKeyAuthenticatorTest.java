package io.codac.ingest.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyAuthenticatorTest {

    @Test
    void theBearerSchemeIsCaseInsensitiveAndTheTokenTrimmed() {
        assertThat(ApiKeyAuthenticator.bearerToken("Bearer codac_abc")).contains("codac_abc");
        assertThat(ApiKeyAuthenticator.bearerToken("bearer   codac_abc ")).contains("codac_abc");
    }

    @Test
    void anythingElseCarriesNoToken() {
        assertThat(ApiKeyAuthenticator.bearerToken(null)).isEmpty();
        assertThat(ApiKeyAuthenticator.bearerToken("codac_abc")).isEmpty();
        assertThat(ApiKeyAuthenticator.bearerToken("Basic dXNlcjpwdw==")).isEmpty();
        assertThat(ApiKeyAuthenticator.bearerToken("Bearer ")).isEmpty();
    }
}
