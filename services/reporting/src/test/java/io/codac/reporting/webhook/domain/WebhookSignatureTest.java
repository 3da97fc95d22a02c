package io.codac.reporting.webhook.domain;

import io.codac.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    private static final String SECRET = "whsec_test_secret";
    private static final String BODY = "{\"eventId\":\"whk-1\",\"status\":\"VERIFIED\"}";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));

    @Test
    void theHeaderIsTheUnixSecondsAndTheHexHmacOfTimestampDotBody() {
        // Reference value computed independently: printf '%s' '1795341600.{"eventId":"whk-1","status":"VERIFIED"}'
        //   | openssl dgst -sha256 -hmac whsec_test_secret
        String header = WebhookSignature.header(SECRET, clock.instant(), BODY);

        assertThat(header).startsWith("t=1795341600,v1=").hasSize("t=1795341600,v1=".length() + 64);
        assertThat(header).isEqualTo("t=1795341600,v1=10907f887d1a9ca753c49e6b17fd1e06b4dc3470b4dd4da0a4144b29aac199c1");
    }

    @Test
    void aFreshSignatureOfTheSameBodyVerifies() {
        String header = WebhookSignature.header(SECRET, clock.instant(), BODY);
        clock.advance(Duration.ofSeconds(30));

        assertThat(WebhookSignature.verify(SECRET, header, BODY, clock.instant(), Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void aChangedBodyAnotherSecretOrAStaleTimestampDoNotVerify() {
        String header = WebhookSignature.header(SECRET, clock.instant(), BODY);

        assertThat(WebhookSignature.verify(SECRET, header, BODY + " ", clock.instant(), Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.verify("other", header, BODY, clock.instant(), Duration.ofMinutes(5))).isFalse();
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertThat(WebhookSignature.verify(SECRET, header, BODY, clock.instant(), Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void aReplayedSignatureWithAForgedTimestampDoesNotVerify() {
        String header = WebhookSignature.header(SECRET, clock.instant(), BODY);
        clock.advance(Duration.ofHours(1));
        String forged = header.replace("t=1795341600", "t=" + clock.instant().getEpochSecond());

        assertThat(WebhookSignature.verify(SECRET, forged, BODY, clock.instant(), Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void malformedHeadersDoNotVerify() {
        for (String header : new String[] {null, "", "t=abc,v1=00", "v1=00", "t=1795341600", "garbage"}) {
            assertThat(WebhookSignature.verify(SECRET, header, BODY, clock.instant(), Duration.ofMinutes(5))).isFalse();
        }
    }
}
