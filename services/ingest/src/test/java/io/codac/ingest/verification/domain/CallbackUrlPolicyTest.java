package io.codac.ingest.verification.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackUrlPolicyTest {

    private final CallbackUrlPolicy production = new CallbackUrlPolicy(false);
    private final CallbackUrlPolicy localStack = new CallbackUrlPolicy(true);

    @ParameterizedTest
    @ValueSource(strings = {"https://shop.example/codac/webhook", "https://shop.example:8443/hook?x=1", "https://8.8.8.8/hook"})
    void publicHttpsUrlsAreAccepted(String url) {
        assertThat(production.violation(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://shop.example/hook", "ftp://shop.example/hook", "http://127.0.0.1:9000/hook",
            "http://localhost/hook"})
    void onlyHttpsIsAcceptedInProduction(String url) {
        assertThat(production.violation(url)).contains("callbackUrl must use https");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/hook", "https://localhost/hook", "https://10.1.2.3/hook",
            "https://192.168.0.10/hook", "https://172.16.5.5/hook", "https://169.254.169.254/latest/meta-data",
            "https://[::1]/hook", "https://[fd00::1]/hook", "https://[fe80::1]/hook", "https://0.0.0.0/hook"})
    void internalAddressesAreRefusedInProduction(String url) {
        assertThat(production.violation(url)).hasValueSatisfying(v -> assertThat(v).contains("loopback, private"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000/hook", "http://localhost:9000/hook", "http://[::1]:9000/hook",
            "https://127.0.0.1/hook"})
    void theLocalStackAcceptsLoopback(String url) {
        assertThat(localStack.violation(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://shop.example/hook", "http://10.1.2.3/hook"})
    void theLocalStackStillRefusesPlainHttpBeyondLoopback(String url) {
        assertThat(localStack.violation(url)).contains("callbackUrl must use https");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/relative/hook", "https:///no-host", "not a url", "https://user:pw@shop.example/hook"})
    void malformedUrlsAreRefused(String url) {
        assertThat(production.violation(url)).isPresent();
    }

    @org.junit.jupiter.api.Test
    void overlongUrlsAreRefused() {
        assertThat(production.violation("https://shop.example/" + "a".repeat(3000))).isPresent();
    }
}
