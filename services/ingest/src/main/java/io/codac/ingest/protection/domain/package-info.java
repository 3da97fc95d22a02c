/**
 * The gateway's protections as plain rules: the per-client token bucket and the per-number hourly
 * guard. The Redis scripts in {@code io.codac.ingest.protection} apply exactly these rules atomically.
 */
package io.codac.ingest.protection.domain;
