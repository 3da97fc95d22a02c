/**
 * Reconciliation with the telephony server after a restart or a lost event stream: which of our attempts
 * to adopt, which to report lost, which followed legs vanished. Plain Java.
 */
package io.codac.adapter.reconcile.domain;
