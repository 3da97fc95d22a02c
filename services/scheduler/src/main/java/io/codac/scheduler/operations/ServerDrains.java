package io.codac.scheduler.operations;

import java.time.Instant;
import java.util.Set;

/** Servers drained by an operator: durable, shared by every scheduler instance. */
public interface ServerDrains {

    /** Drains the server; false if it already was (the first drain's time and reason stay). */
    boolean drain(String serverId, Instant at, String reason);

    /** Takes the server back into use; false if it was not drained. */
    boolean resume(String serverId);

    Set<String> drained();
}
