package io.codac.reporting.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The receiver example of docs/webhooks.md, verbatim between the markers: the tests verify every
 * delivery with exactly this code, so the documented algorithm is the tested one.
 */
final class ReceiverExample {

    private ReceiverExample() {
    }

    // --- docs/webhooks.md: begin ---
    static final long TOLERANCE_SECONDS = 300; // reject signatures older (or newer) than 5 minutes

    /** True when {@code X-Codac-Signature} is a fresh v1 signature of exactly this body. */
    static boolean verify(String secret, String signatureHeader, String body, long nowEpochSeconds) throws Exception {
        long t = -1;
        String v1 = null;
        for (String part : signatureHeader == null ? new String[0] : signatureHeader.split(",")) {
            String[] kv = part.trim().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t") && kv[1].matches("\\d{1,18}")) t = Long.parseLong(kv[1]);
            if (kv.length == 2 && kv[0].equals("v1")) v1 = kv[1];
        }
        if (t < 0 || v1 == null || Math.abs(nowEpochSeconds - t) > TOLERANCE_SECONDS) return false;
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), v1.getBytes(StandardCharsets.UTF_8));
    }

    /** Dedupe by X-Codac-Event-Id: true the first time an event id is seen (use a unique key in your database). */
    static final Set<String> processed = ConcurrentHashMap.newKeySet();

    static boolean firstTime(String eventId) {
        return processed.add(eventId);
    }
    // --- docs/webhooks.md: end ---
}
