/**
 * The scheduler's use cases: accepting requests, dispatching attempts, following calls to their end,
 * completing verifications and sweeping the ledger for whatever is due. Plain Java over the domain and
 * small ports; the Kafka, database and metrics adapters live in their own packages.
 */
package io.codac.scheduler.verification;
