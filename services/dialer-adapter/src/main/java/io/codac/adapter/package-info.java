/**
 * The dialer adapter: one per telephony server, the only code that places calls on that server's trunks —
 * within each trunk's contract, never twice for one attempt, and reporting exactly what the server did.
 */
package io.codac.adapter;
