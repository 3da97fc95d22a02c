/**
 * When a shopper's call to one of our DIDs verifies a missed-call verification, in plain Java: the call, the call a
 * verification expects, and the rule that matches one to the other.
 */
package io.codac.scheduler.inbound.domain;
