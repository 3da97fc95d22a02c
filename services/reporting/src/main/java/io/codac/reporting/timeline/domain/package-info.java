/**
 * The rules of the verification timeline, in plain Java: which status may follow which, how a call
 * leg's state advances, and what each event says about a leg. Out-of-order and repeated events are
 * normal on Kafka; these rules make every projection monotonic, so order and repetition do not matter.
 */
package io.codac.reporting.timeline.domain;
