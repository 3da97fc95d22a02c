/**
 * Daily usage per client for billing: every attempt of every result, one row per attempt id (so a
 * result processed twice changes nothing), summed per client, day and outcome by the internal API.
 */
package io.codac.reporting.usage;
