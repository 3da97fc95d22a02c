/** Plain-Java building blocks shared by the gateway's contexts: unguessable tokens and their hashes. */
package io.codac.ingest.domain;
