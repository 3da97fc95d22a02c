package io.codac.reporting.webhook.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * {@code X-Codac-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">} (BRIEF §4). The key is
 * the UTF-8 bytes of the client's webhook secret, the message the UTF-8 bytes of {@code t + "." + body}.
 * The timestamp is inside the signed text so a captured delivery cannot be replayed later with a fresh
 * {@code t}; receivers reject timestamps older than their tolerance. {@link #verify} is the algorithm
 * documented for receivers in {@code docs/webhooks.md}.
 */
public final class WebhookSignature {

    public static final String EVENT_ID_HEADER = "X-Codac-Event-Id";
    public static final String SIGNATURE_HEADER = "X-Codac-Signature";
    /** What we recommend to receivers: generous for clock skew and slow retries, short for replays. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {
    }

    /** The header value for a body sent at {@code at}. */
    public static String header(String secret, Instant at, String body) {
        long t = at.getEpochSecond();
        return "t=" + t + ",v1=" + hmacHex(secret, t + "." + body);
    }

    /** True when the header carries a fresh timestamp and a v1 signature of exactly this body. */
    public static boolean verify(String secret, String header, String body, Instant now, Duration tolerance) {
        if (header == null || secret == null || body == null) {
            return false;
        }
        long t = -1;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] pair = part.trim().split("=", 2);
            if (pair.length != 2) {
                continue;
            }
            if (pair[0].equals("t") && pair[1].matches("\\d{1,18}")) {
                t = Long.parseLong(pair[1]);
            } else if (pair[0].equals("v1")) {
                v1 = pair[1];
            }
        }
        if (t < 0 || v1 == null || Math.abs(now.getEpochSecond() - t) > tolerance.toSeconds()) {
            return false;
        }
        byte[] expected = hmacHex(secret, t + "." + body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII));
    }

    static String hmacHex(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
