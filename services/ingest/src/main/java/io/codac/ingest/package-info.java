/**
 * The ingest gateway: the public HTTP API through which clients ask for verifications and read their
 * status. It accepts nothing it cannot keep: a {@code 202} is given only once Kafka holds the request.
 */
package io.codac.ingest;
