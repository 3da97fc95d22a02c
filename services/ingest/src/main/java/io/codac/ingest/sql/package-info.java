/** What the gateway's stores share: statements batched across concurrent requests, and their metrics. */
package io.codac.ingest.sql;
