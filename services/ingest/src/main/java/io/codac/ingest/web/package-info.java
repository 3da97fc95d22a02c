/**
 * HTTP plumbing shared by the gateway's routes: RFC 9457 problem responses with a machine-readable
 * {@code code} for every error, bounded and strict reading of JSON bodies, request metrics, and the
 * OpenAPI description.
 */
package io.codac.ingest.web;
