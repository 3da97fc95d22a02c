package io.codac.reporting.webhook.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackPolicyTest {

    private final CallbackPolicy production = new CallbackPolicy(false);
    private final CallbackPolicy local = new CallbackPolicy(true);

    @Test
    void httpsIsAlwaysCalled() {
        assertThat(production.refusal("https://shop.example/hooks/codac")).isEmpty();
        assertThat(local.refusal("https://shop.example/hooks/codac")).isEmpty();
    }

    @Test
    void plainHttpIsRefusedInProductionEvenOnLoopback() {
        assertThat(production.refusal("http://127.0.0.1:9000/hook")).isPresent();
        assertThat(production.refusal("http://shop.example/hook")).isPresent();
    }

    @Test
    void theLocalStackCallsHttpOnLoopbackOnly() {
        assertThat(local.refusal("http://127.0.0.1:9000/hook")).isEmpty();
        assertThat(local.refusal("http://localhost:9000/hook")).isEmpty();
        assertThat(local.refusal("http://[::1]:9000/hook")).isEmpty();
        assertThat(local.refusal("http://shop.example/hook")).contains("http callbacks are allowed on loopback only");
        assertThat(local.refusal("http://10.0.0.5/hook")).isPresent();
    }

    @Test
    void otherSchemesAndNonUrlsAreRefused() {
        assertThat(local.refusal("ftp://127.0.0.1/x")).isPresent();
        assertThat(local.refusal("not a url")).isPresent();
        assertThat(local.refusal("https:///nohost")).isPresent();
        assertThat(local.refusal(null)).isPresent();
    }

    @Test
    void oneEndpointPerSchemeHostAndPortWhateverThePath() {
        assertThat(CallbackPolicy.endpoint("https://Shop.Example/a?x=1")).isEqualTo("https://shop.example:443");
        assertThat(CallbackPolicy.endpoint("https://shop.example:443/b")).isEqualTo("https://shop.example:443");
        assertThat(CallbackPolicy.endpoint("http://127.0.0.1:9000/hook")).isEqualTo("http://127.0.0.1:9000");
    }
}
