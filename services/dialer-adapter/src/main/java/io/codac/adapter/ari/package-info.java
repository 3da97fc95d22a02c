/**
 * The telephony server over ARI (ari4java): originate and hang up over HTTP, channel events over the
 * WebSocket translated into the call-leg machine's signals. Nothing outside this package sees an ARI type.
 */
package io.codac.adapter.ari;
