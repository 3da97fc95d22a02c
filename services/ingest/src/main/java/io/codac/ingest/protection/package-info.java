/**
 * The gateway's protections, shared by every instance through Redis: the per-client rate limit and the
 * per-number guard, answered {@code 429} with {@code Retry-After}.
 */
package io.codac.ingest.protection;
