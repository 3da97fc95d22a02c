/**
 * The call-leg state machine in plain Java: what the telephony server tells us about one attempt becomes
 * the next state, the call events to publish and the actions to take (hang up, start a timer, free the channel).
 */
package io.codac.adapter.call.domain;
