/**
 * The gateway benchmark of issue 6 (run by {@code services/ingest/bench/run.sh}, never by the test
 * suite): an open-loop load generator over loopback against a gateway on the real Kafka, MariaDB and
 * Redis.
 */
package io.codac.ingest.bench;
