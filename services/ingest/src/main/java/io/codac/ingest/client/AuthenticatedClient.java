package io.codac.ingest.client;

/** The client on whose behalf a request runs; every query a request makes is scoped to it. */
public record AuthenticatedClient(String clientId) {
}
