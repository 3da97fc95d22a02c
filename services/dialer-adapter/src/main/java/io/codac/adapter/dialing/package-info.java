/**
 * Placing calls: the use case that turns a dial command into a claimed, originated and reported call leg,
 * and the small ports it needs from the outside world (attempt claims, the telephony server, the event stream).
 */
package io.codac.adapter.dialing;
