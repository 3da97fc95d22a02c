/**
 * Client webhooks: a delivery is written to {@code webhook_deliveries} once a verification has both its
 * callback URL (from the request) and its terminal status (from the result), then sent, signed, by the
 * {@link io.codac.reporting.webhook.WebhookDispatcher}, retried from the table until delivered or given
 * up, with a resilience4j circuit breaker per endpoint. The delivery log and the operator's redelivery
 * are served under {@code /internal/v1/verifications/{id}/deliveries}.
 */
package io.codac.reporting.webhook;
