/**
 * The missed-call flow in the scheduler: a {@code MISSED_CALL} request waits, undialed, for the shopper's call to
 * the dial-in number it was given; an {@code INBOUND_CALL} that answers it verifies it (ADR 0008). The rule is in
 * {@code domain}; this package holds the use cases and their table.
 */
package io.codac.scheduler.inbound;
