/**
 * Clients of the gateway: provisioning by an operator ({@code POST /admin/v1/clients}), the tables
 * {@code clients} and {@code api_keys}, and authentication of API keys by their hash.
 */
package io.codac.ingest.client;
