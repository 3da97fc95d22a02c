package io.codac.ingest.verification.domain;

import java.util.Map;

/**
 * A request body as the client sent it, already known to have the right JSON types but not yet
 * validated. Absent fields are {@code null}.
 */
public record VerificationDraft(
        String phoneNumber,
        String defaultRegion,
        String method,
        String clientRef,
        String callbackUrl,
        Integer ttlSeconds,
        Map<String, String> metadata) {
}
