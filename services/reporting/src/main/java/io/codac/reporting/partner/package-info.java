/**
 * Partner topics: every result re-published, unchanged (same envelope, same event id), on its client's
 * own topic. Its own consumer group, so a slow partner topic never holds back the timeline or webhooks.
 */
package io.codac.reporting.partner;
