/**
 * A trunk's contract as plain Java: how many calls it may start per second and how many it may hold at
 * once, decided against an injected clock so that "can I place this now, or within the window" is testable.
 */
package io.codac.adapter.trunk.domain;
