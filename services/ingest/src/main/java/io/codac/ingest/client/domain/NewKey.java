package io.codac.ingest.client.domain;

import java.time.Instant;

/** A key just minted for an existing client: {@link #apiKey()} is shown once, then only its hash is kept. */
public record NewKey(String clientId, String keyId, String apiKey, String keyHash, String keyPrefix, Instant createdAt) {

    @Override
    public String toString() {
        return "NewKey[clientId=" + clientId + ", keyId=" + keyId + ", keyPrefix=" + keyPrefix + "]";
    }
}
