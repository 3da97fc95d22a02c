/**
 * Plain-Java building blocks shared by the gateway's contexts: unguessable tokens and their hashes, and the batching
 * of work across concurrent requests.
 */
package io.codac.ingest.domain;
