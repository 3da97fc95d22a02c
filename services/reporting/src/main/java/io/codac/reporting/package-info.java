/**
 * CODAC's reporting service: the system-of-record projections behind {@code GET /v1/verifications/{id}}
 * (and, later, client webhooks, partner topics and the carrier watch).
 */
package io.codac.reporting;
