/**
 * The CODAC scheduler, the distribution layer: it decides which trunk places which call, never over a trunk's
 * contract, retries by outcome, and reports each verification's terminal result. This package holds the
 * application's entry point and wiring.
 */
package io.codac.scheduler;
