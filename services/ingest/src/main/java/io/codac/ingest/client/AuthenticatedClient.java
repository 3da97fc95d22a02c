package io.codac.ingest.client;

/**
 * The client on whose behalf a request runs; every query a request makes is scoped to it.
 *
 * @param ratePerSecond its own rate limit, or {@code null} for the gateway's default
 * @param burst         its own burst, or {@code null} for the gateway's default
 */
public record AuthenticatedClient(String clientId, Integer ratePerSecond, Integer burst) {

    public AuthenticatedClient(String clientId) {
        this(clientId, null, null);
    }
}
