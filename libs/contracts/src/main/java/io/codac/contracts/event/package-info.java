/**
 * The events and commands on CODAC's topics: records in the past tense (commands in the imperative),
 * each carrying its id, the time it happened and the key it is published under. On the wire they are
 * named by a logical type and a schema version ({@link io.codac.contracts.event.EventType}), never a class name.
 */
package io.codac.contracts.event;
