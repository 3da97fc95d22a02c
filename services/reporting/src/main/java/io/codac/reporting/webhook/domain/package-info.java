/**
 * The rules of client webhooks, in plain Java: how a delivery is signed (BRIEF §4), when a failed
 * delivery is retried (exponential back-off with jitter, for at least a day), which callback URLs we
 * call, and the circuit-breaker policy per endpoint. The adapters around it do the SQL and the HTTP.
 */
package io.codac.reporting.webhook.domain;
