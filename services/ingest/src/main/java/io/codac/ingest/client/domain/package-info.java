/**
 * Clients and their credentials, in plain Java: how API keys and webhook secrets are minted, and why an
 * API key is only ever stored as its SHA-256 hash.
 */
package io.codac.ingest.client.domain;
