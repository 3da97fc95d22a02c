package io.codac.ingest.client.domain;

import java.time.Instant;

/**
 * A client just provisioned, with the only copy of its secrets that will ever be shown: the API key
 * (stored afterwards as {@link #keyHash()} only) and the webhook secret (stored, because reporting signs
 * webhooks with it).
 */
public record NewClient(
        String clientId,
        String name,
        String keyId,
        String apiKey,
        String keyHash,
        String keyPrefix,
        String webhookSecret,
        Instant createdAt) {

    @Override
    public String toString() {
        // never print secrets by accident
        return "NewClient[clientId=" + clientId + ", name=" + name + ", keyId=" + keyId + ", keyPrefix=" + keyPrefix + "]";
    }
}
