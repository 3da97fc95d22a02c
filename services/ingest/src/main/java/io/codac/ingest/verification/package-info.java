/**
 * Verifications over HTTP: accepting a request ({@code POST /v1/verifications}: authenticate, validate,
 * record, publish, and only then {@code 202}) and reading one back ({@code GET /v1/verifications/{id}})
 * from reporting's timeline, or from ingest's own accepted record while the timeline catches up.
 */
package io.codac.ingest.verification;
